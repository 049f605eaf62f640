import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HistoryEvent } from './sfn-history';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** Everything the local Step Functions knows about one execution; one JSON file on disk. */
export interface ExecutionRecord {
  formatVersion: 1;
  executionArn: string;
  stateMachineArn: string;
  /** The state machine's logical id in the template (also its local name). */
  stateMachine: string;
  name: string;
  status: ExecutionStatus;
  /** The execution input as it was sent (a JSON text). */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  /** Epoch milliseconds. */
  startDate: number;
  stopDate?: number;
  /** How many times a restart of the local stack found it RUNNING and re-ran it. */
  resumedAfterRestart: number;
  history: HistoryEvent[];
}

const TEMP_SUFFIX = '.tmp';

/**
 * Executions on disk, under DATA_DIR/executions/<state machine>/<execution name>.json. Each write
 * goes to a temporary file that is then renamed over the record, so a crash leaves either the
 * previous record or the new one, never half of one. Writes of one record are serialised and
 * coalesced: while one is in flight, later changes are written once, after it.
 */
export class ExecutionStore {
  private readonly root: string;
  private readonly writes = new Map<string, { dirty: boolean; done: Promise<void> }>();

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'executions');
  }

  /** Every stored record, oldest first. Temporary files of interrupted writes are removed. */
  async loadAll(): Promise<ExecutionRecord[]> {
    await mkdir(this.root, { recursive: true });
    const records: ExecutionRecord[] = [];
    for (const machine of await readdir(this.root, { withFileTypes: true })) {
      if (!machine.isDirectory()) continue;
      const dir = path.join(this.root, machine.name);
      for (const file of await readdir(dir)) {
        const filePath = path.join(dir, file);
        if (file.endsWith(TEMP_SUFFIX)) {
          await rm(filePath, { force: true });
          continue;
        }
        if (!file.endsWith('.json')) continue;
        records.push(parseRecord(filePath, await readFile(filePath, 'utf8')));
      }
    }
    return records.sort((a, b) => a.startDate - b.startDate);
  }

  /** Writes the record's current state; resolves once a write that includes it is on disk. */
  save(record: ExecutionRecord): Promise<void> {
    const pending = this.writes.get(record.executionArn);
    if (pending) {
      pending.dirty = true;
      return pending.done;
    }
    const entry = { dirty: false, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        do {
          entry.dirty = false;
          await this.write(record);
        } while (entry.dirty);
      } finally {
        this.writes.delete(record.executionArn);
      }
    })();
    this.writes.set(record.executionArn, entry);
    return entry.done;
  }

  /** Resolves when every write requested so far is on disk. */
  async flush(): Promise<void> {
    while (this.writes.size > 0) await Promise.allSettled([...this.writes.values()].map((w) => w.done));
  }

  private async write(record: ExecutionRecord): Promise<void> {
    const dir = path.join(this.root, record.stateMachine);
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${record.name}.json`);
    const temp = `${file}.${randomUUID()}${TEMP_SUFFIX}`;
    await writeFile(temp, JSON.stringify(record), 'utf8');
    await rename(temp, file);
  }
}

function parseRecord(filePath: string, text: string): ExecutionRecord {
  let record: Partial<ExecutionRecord>;
  try {
    record = JSON.parse(text) as Partial<ExecutionRecord>;
  } catch (error) {
    throw new Error(`The execution record ${filePath} is not valid JSON: ${(error as Error).message}`);
  }
  if (record.formatVersion !== 1 || typeof record.executionArn !== 'string' || typeof record.status !== 'string') {
    throw new Error(`The execution record ${filePath} is not a local Step Functions execution record (format 1)`);
  }
  return record as ExecutionRecord;
}
