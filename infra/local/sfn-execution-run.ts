import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError } from 'aws-local-stepfunctions';
import type { LocalLambdas } from './local-lambdas';
import type { ExecutionRecord, ExecutionStatus, ExecutionStore } from './sfn-execution-store';
import {
  appendHistory,
  executionAborted,
  executionFailed,
  executionSucceeded,
  executionTimedOut,
  type HistoryDraft,
  historyDraftOf,
  type LibraryEvent,
} from './sfn-history';
import { lambdaTaskHandlers, TaskHaltedError } from './sfn-lambda-tasks';
import { type StateDataLimitError, statePayloadViolation } from './sfn-payload-guard';
import type { LocalStateMachine } from './sfn-state-machines';
import type { UsageMeter } from './usage-meter';

export interface ExecutionRunDependencies {
  readonly machine: LocalStateMachine;
  readonly lambdas: LocalLambdas;
  readonly store: ExecutionStore;
  /** Counts the execution's billed state transitions. */
  readonly usage?: UsageMeter;
}

type Outcome = { output: unknown } | { error: unknown };

/**
 * One running execution: drives aws-local-stepfunctions, records its events as the execution's
 * history, enforces the 256 KB state payload limit, and writes the outcome to the record.
 *
 * The payload guard reads the library's event log, which reports every state's input and output
 * (Map iterations and Parallel branches included) but asynchronously. So that no Lambda runs
 * after a state has broken the limit, each task first yields a macrotask, by which time the log
 * has been read up to its own StateEntered event, and stops if the execution has failed.
 */
export class ExecutionRun {
  readonly finished: Promise<void>;
  private abortLibrary: () => void = () => undefined;
  /** Set when the execution must not go on: stopped by StopExecution, or the service stopped. */
  private halted?: 'stopped' | 'detached';
  private dataLimit?: StateDataLimitError;

  private constructor(
    private readonly record: ExecutionRecord,
    private readonly deps: ExecutionRunDependencies,
  ) {
    this.finished = this.run();
  }

  /** Starts running the record's execution from its first state, with its input. */
  static start(record: ExecutionRecord, deps: ExecutionRunDependencies): ExecutionRun {
    return new ExecutionRun(record, deps);
  }

  /** StopExecution: closes the record as ABORTED and aborts the run. Returns the stop date. */
  async stop(error: string | undefined, cause: string | undefined): Promise<number> {
    if (this.record.status === 'RUNNING') {
      this.halted = 'stopped';
      closeRecord(this.record, 'ABORTED', {}, (at) => executionAborted(error, cause, at), { error, cause });
      this.abortLibrary();
    }
    await this.deps.store.save(this.record);
    return this.record.stopDate ?? Date.now();
  }

  /**
   * The service is stopping: abandon the run without touching its record, which stays RUNNING
   * on disk so that the next start resumes it. A handler already running cannot be interrupted;
   * its result is ignored.
   */
  detach(): void {
    this.halted = 'detached';
    this.abortLibrary();
  }

  private async run(): Promise<void> {
    const { machine, lambdas } = this.deps;
    this.deps.usage?.executionStarted(machine.logicalId);
    const handlers = lambdaTaskHandlers(machine.tasks, lambdas, {
      beforeInvoke: async (stateName, input) => {
        await nextMacrotask();
        if (this.dataLimit) throw this.dataLimit;
        if (this.halted) throw new TaskHaltedError('States.Runtime', `The execution was ${this.halted} before task ${stateName} started`);
        this.enforce(statePayloadViolation(stateName, 'input', input));
      },
      afterInvoke: (stateName, result) => this.enforce(statePayloadViolation(stateName, 'output', result)),
    });
    const execution = machine.engine.run(JSON.parse(this.record.input), {
      overrides: { taskResourceLocalHandlers: handlers },
      context: {
        Execution: { Id: this.record.executionArn, Name: this.record.name, RoleArn: machine.roleArn },
        StateMachine: { Id: machine.arn, Name: machine.logicalId },
      },
    });
    this.abortLibrary = execution.abort;
    const logRead = this.readLog(execution.eventLogs);
    const outcome: Outcome = await execution.result.then(
      (output) => ({ output }),
      (error: unknown) => ({ error }),
    );
    // The log can trail the result; the guard's verdict on the last states must be in first.
    await logRead;
    await this.finish(outcome);
  }

  private async readLog(events: AsyncGenerator<LibraryEvent>): Promise<void> {
    for await (const event of events) {
      if (this.halted === 'detached') return;
      this.meter(event);
      this.guard(event);
      if (this.record.status !== 'RUNNING') continue;
      const draft = historyDraftOf(event);
      if (!draft) continue;
      appendHistory(this.record.history, draft);
      // Not awaited: writes coalesce, and the final save rewrites the record and reports an error.
      this.deps.store.save(this.record).catch(() => undefined);
    }
  }

  /** Step Functions bills a transition per state entered and per retry (a retry enters no state again). */
  private meter(event: LibraryEvent): void {
    const { usage, machine } = this.deps;
    if (!usage) return;
    if (event.type === 'StateEntered') usage.stateEntered(machine.logicalId);
    else if (event.type === 'StateRetried') usage.stateRetried(machine.logicalId);
    else if (event.type === 'MapIterationStarted') usage.mapIterationStarted(machine.logicalId, event.parentState.name);
  }

  private guard(event: LibraryEvent): void {
    const violation =
      event.type === 'StateEntered'
        ? statePayloadViolation(event.state.name, 'input', event.state.input)
        : event.type === 'StateExited'
          ? statePayloadViolation(event.state.name, 'output', event.state.output)
          : undefined;
    if (violation && !this.dataLimit) {
      this.dataLimit = violation;
      this.abortLibrary();
    }
  }

  private enforce(violation: StateDataLimitError | undefined): void {
    if (!violation) return;
    this.dataLimit ??= violation;
    throw violation;
  }

  private async finish(outcome: Outcome): Promise<void> {
    // Detached: the record stays RUNNING for the next start. Not RUNNING: StopExecution closed it.
    if (this.halted === 'detached' || this.record.status !== 'RUNNING') return;
    const record = this.record;
    if (this.dataLimit) {
      const { name, message } = this.dataLimit;
      closeRecord(record, 'FAILED', {}, (at) => executionFailed(name, message, at), { error: name, cause: message });
    } else if ('output' in outcome) {
      const output = JSON.stringify(outcome.output ?? null);
      closeRecord(record, 'SUCCEEDED', { output }, (at) => executionSucceeded(output, at));
    } else if (outcome.error instanceof ExecutionTimeoutError) {
      const cause = 'The execution ran longer than the TimeoutSeconds of its state machine';
      closeRecord(record, 'TIMED_OUT', {}, (at) => executionTimedOut('States.Timeout', cause, at), { error: 'States.Timeout', cause });
    } else if (outcome.error instanceof ExecutionAbortedError) {
      closeRecord(record, 'ABORTED', {}, (at) => executionAborted(undefined, undefined, at));
    } else {
      const failure = outcome.error instanceof ExecutionError ? outcome.error.cause : outcome.error;
      const error = failure instanceof Error ? failure.name : 'States.Runtime';
      const cause = failure instanceof Error ? failure.message : String(failure);
      closeRecord(record, 'FAILED', {}, (at) => executionFailed(error, cause, at), { error, cause });
    }
    await this.deps.store.save(record);
  }
}

/** Closes a record: its final status, stop date, result fields and the closing history event. */
export function closeRecord(
  record: ExecutionRecord,
  status: Exclude<ExecutionStatus, 'RUNNING'>,
  result: { output?: string },
  event: (at: number) => HistoryDraft,
  failure: { error?: string; cause?: string } = {},
): void {
  const at = Date.now();
  record.status = status;
  record.stopDate = at;
  if (result.output !== undefined) record.output = result.output;
  if (failure.error !== undefined) record.error = failure.error;
  if (failure.cause !== undefined) record.cause = failure.cause;
  appendHistory(record.history, event(at));
}
