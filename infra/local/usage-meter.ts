import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { maskPersonalData } from '../../shared/core/people/personal-data';
import { HeavyHitters } from './heavy-hitters';

/**
 * What the local stack has used, counted the way AWS bills it (docs/cost.md says how each is
 * counted and where AWS's definition comes from). A snapshot is plain JSON; two snapshots taken
 * around a run give that run's usage with usageDelta.
 */
export interface UsageSnapshot {
  /** Keyed by the state machine's logical id. */
  readonly stateMachines: Record<string, StateMachineUsage>;
  /** Keyed by the function's logical id. */
  readonly functions: Record<string, FunctionUsage>;
  /** Keyed by the table's name (its logical id locally). */
  readonly tables: Record<string, TableUsage>;
  readonly httpApi: HttpApiUsage;
}

export interface StateMachineUsage {
  readonly executions: number;
  /**
   * Billed state transitions of a Standard workflow: every state entered (Map iterations'
   * states included), every retry, and one per child execution a Distributed Map starts.
   */
  readonly transitions: number;
  /** Of the transitions, the retries. */
  readonly retries: number;
  /** The functions its Task states invoke, as deployed. */
  readonly functions: readonly string[];
  /** Per Map state: iterations, and as deployed its MaxConcurrency, mode and the functions its iterations invoke. */
  readonly maps: Record<string, MapUsage>;
}

export interface MapUsage {
  readonly iterations: number;
  /** 0: unbounded. */
  readonly maxConcurrency: number;
  readonly distributed: boolean;
  readonly functions: readonly string[];
}

export interface FunctionUsage {
  readonly invocations: number;
  /** Invocations that threw (they are billed all the same). */
  readonly errors: number;
  /** Duration rounded up to the millisecond per invocation, as Lambda bills it. */
  readonly billedMs: number;
  /** MemorySize from the template. */
  readonly memoryMb: number;
  /** Σ billed ms × MemorySize: GB-seconds = megabyteMs / 1024 / 1000. */
  readonly megabyteMs: number;
  /** HTTP requests the function made with fetch (the insurer's partner API). */
  readonly outboundRequests: number;
}

export interface TableUsage {
  readonly requests: number;
  /** On-demand read request units (eventually consistent reads count half). */
  readonly readRequestUnits: number;
  /** On-demand write request units, global secondary index writes included. */
  readonly writeRequestUnits: number;
  /** Writes refused by their condition: DynamoDB bills them, but reports no capacity for them. */
  readonly failedConditionalWrites: number;
  /**
   * The partition keys written most (table keys, and index keys of items put), with their write
   * units: lower bounds, from a bounded summary. Digits that look like a NIK are masked.
   */
  readonly hotPartitions: readonly { readonly key: string; readonly writeUnits: number }[];
}

export interface HttpApiUsage {
  /** Requests that reached a route's function. */
  readonly requests: number;
  /** The same in 512 KB units, as HTTP APIs meter them (a 600 KB request counts as two). */
  readonly meteredRequests: number;
}

/** Which function an asynchronous operation belongs to: set around every local invocation. */
const currentFunction = new AsyncLocalStorage<string>();

const HOT_PARTITIONS_KEPT = 5;
const HOT_PARTITION_COUNTERS = 4096;
const HTTP_API_METERING_BYTES = 512 * 1024;

interface MapCounter extends Omit<MapUsage, 'iterations'> {
  iterations: number;
}

interface MachineCounter {
  executions: number;
  transitions: number;
  retries: number;
  readonly functions: readonly string[];
  readonly maps: Map<string, MapCounter>;
}

interface FunctionCounter {
  invocations: number;
  errors: number;
  billedMs: number;
  readonly memoryMb: number;
  outboundRequests: number;
}

interface TableCounter {
  requests: number;
  /** Half units: eventually consistent reads of small items cost 0.5. Integers stay exact. */
  readHalfUnits: number;
  writeHalfUnits: number;
  failedConditionalWrites: number;
  readonly partitions: HeavyHitters;
}

/**
 * Counters for one local stack. Everything is a running total, never a list per item, so
 * metering a million-person run costs a few map lookups per request.
 */
export class UsageMeter {
  private readonly machines = new Map<string, MachineCounter>();
  private readonly functions = new Map<string, FunctionCounter>();
  private readonly tables = new Map<string, TableCounter>();
  private readonly httpApi = { requests: 0, meteredRequests: 0 };

  /** Declares a state machine, its task functions and its Map states, so a snapshot lists them even when unused. */
  registerStateMachine(logicalId: string, functions: readonly string[], maps: ReadonlyMap<string, Omit<MapUsage, 'iterations'>>): void {
    const counters = new Map([...maps].map(([name, map]) => [name, { iterations: 0, ...map }]));
    this.machines.set(logicalId, { executions: 0, transitions: 0, retries: 0, functions, maps: counters });
  }

  /** Declares a function with its configured memory. */
  registerFunction(logicalId: string, memoryMb: number): void {
    this.functions.set(logicalId, { invocations: 0, errors: 0, billedMs: 0, memoryMb, outboundRequests: 0 });
  }

  executionStarted(machine: string): void {
    this.machine(machine).executions += 1;
  }

  stateEntered(machine: string): void {
    this.machine(machine).transitions += 1;
  }

  stateRetried(machine: string): void {
    const counter = this.machine(machine);
    counter.transitions += 1;
    counter.retries += 1;
  }

  /** A Map iteration started; in a Distributed Map it is a child execution, itself one transition. */
  mapIterationStarted(machine: string, mapState: string): void {
    const counter = this.machine(machine);
    const map = counter.maps.get(mapState);
    if (!map) throw new Error(`State machine ${machine} has no Map state ${mapState}`);
    map.iterations += 1;
    if (map.distributed) counter.transitions += 1;
  }

  /**
   * Runs one invocation of a function, timing it and attributing to it the outbound requests
   * made while it runs. The duration is wall time in this process (see docs/cost.md).
   */
  async invocation<T>(logicalId: string, run: () => Promise<T>): Promise<T> {
    const counter = this.function(logicalId);
    const started = performance.now();
    try {
      return await currentFunction.run(logicalId, run);
    } catch (error) {
      counter.errors += 1;
      throw error;
    } finally {
      counter.invocations += 1;
      counter.billedMs += Math.max(1, Math.ceil(performance.now() - started));
    }
  }

  /**
   * An outbound HTTP request, charged to the function whose invocation made it. Requests made
   * outside an invocation, or by another stack's function in the same process, are not this
   * meter's (and a diagnostics channel subscriber must never throw).
   */
  outboundRequest(): void {
    const logicalId = currentFunction.getStore();
    const counter = logicalId === undefined ? undefined : this.functions.get(logicalId);
    if (counter) counter.outboundRequests += 1;
  }

  /** Capacity DynamoDB reported for one table in one response (units may be halves). */
  capacityConsumed(table: string, read: number, write: number): void {
    const counter = this.table(table);
    counter.readHalfUnits += Math.round(read * 2);
    counter.writeHalfUnits += Math.round(write * 2);
  }

  dynamoDbRequest(table: string): void {
    this.table(table).requests += 1;
  }

  /** A conditional write refused: billed as at least one write unit (the item's size is unknown). */
  conditionalWriteFailed(table: string, writeUnits: number): void {
    const counter = this.table(table);
    counter.failedConditionalWrites += 1;
    counter.writeHalfUnits += writeUnits * 2;
  }

  /** A write to a partition key (`table` or `table/index`), for finding hot partitions. */
  partitionWritten(table: string, partition: string, writeUnits: number): void {
    this.table(table).partitions.add(partition, writeUnits);
  }

  httpApiRequest(requestBytes: number, responseBytes: number): void {
    this.httpApi.requests += 1;
    this.httpApi.meteredRequests += Math.max(1, Math.ceil((requestBytes + responseBytes) / HTTP_API_METERING_BYTES));
  }

  snapshot(): UsageSnapshot {
    return {
      stateMachines: Object.fromEntries(
        [...this.machines].map(([id, m]) => [
          id,
          {
            executions: m.executions,
            transitions: m.transitions,
            retries: m.retries,
            functions: [...m.functions],
            maps: Object.fromEntries([...m.maps].map(([name, map]) => [name, { ...map, functions: [...map.functions] }])),
          },
        ]),
      ),
      functions: Object.fromEntries(
        [...this.functions].map(([id, f]) => [
          id,
          {
            invocations: f.invocations,
            errors: f.errors,
            billedMs: f.billedMs,
            memoryMb: f.memoryMb,
            megabyteMs: f.billedMs * f.memoryMb,
            outboundRequests: f.outboundRequests,
          },
        ]),
      ),
      tables: Object.fromEntries(
        [...this.tables].map(([name, t]) => [
          name,
          {
            requests: t.requests,
            readRequestUnits: t.readHalfUnits / 2,
            writeRequestUnits: t.writeHalfUnits / 2,
            failedConditionalWrites: t.failedConditionalWrites,
            hotPartitions: t.partitions
              .top(HOT_PARTITIONS_KEPT)
              .map(({ key, count }) => ({ key: maskPersonalData(key), writeUnits: count })),
          },
        ]),
      ),
      httpApi: { ...this.httpApi },
    };
  }

  private machine(logicalId: string): MachineCounter {
    const counter = this.machines.get(logicalId);
    if (!counter) throw new Error(`State machine ${logicalId} is not registered with the usage meter`);
    return counter;
  }

  private function(logicalId: string): FunctionCounter {
    const counter = this.functions.get(logicalId);
    if (!counter) throw new Error(`Function ${logicalId} is not registered with the usage meter`);
    return counter;
  }

  private table(name: string): TableCounter {
    let counter = this.tables.get(name);
    if (!counter) {
      counter = { requests: 0, readHalfUnits: 0, writeHalfUnits: 0, failedConditionalWrites: 0, partitions: new HeavyHitters(HOT_PARTITION_COUNTERS) };
      this.tables.set(name, counter);
    }
    return counter;
  }
}

/**
 * Counts the HTTP requests handlers make with fetch (Node's undici announces each one, in the
 * caller's async context, on this channel). The AWS SDK does not use fetch in Node, so these
 * are the partner API's calls. Returns the function that stops counting.
 */
export function meterOutboundRequests(meter: UsageMeter): () => void {
  const channel = 'undici:request:create';
  const onRequest = () => meter.outboundRequest();
  subscribe(channel, onRequest);
  return () => void unsubscribe(channel, onRequest);
}

/**
 * The usage between two snapshots of one stack (`after` taken later). Hot partitions are those
 * of `after`, less what `before` had already counted for the same key: still lower bounds.
 */
export function usageDelta(before: UsageSnapshot, after: UsageSnapshot): UsageSnapshot {
  return {
    stateMachines: mapValues(after.stateMachines, (m, id) => {
      const earlier = before.stateMachines[id];
      return {
        executions: m.executions - (earlier?.executions ?? 0),
        transitions: m.transitions - (earlier?.transitions ?? 0),
        retries: m.retries - (earlier?.retries ?? 0),
        functions: m.functions,
        maps: mapValues(m.maps, (map, name) => ({ ...map, iterations: map.iterations - (earlier?.maps[name]?.iterations ?? 0) })),
      };
    }),
    functions: mapValues(after.functions, (f, id) => {
      const earlier = before.functions[id];
      return {
        invocations: f.invocations - (earlier?.invocations ?? 0),
        errors: f.errors - (earlier?.errors ?? 0),
        billedMs: f.billedMs - (earlier?.billedMs ?? 0),
        memoryMb: f.memoryMb,
        megabyteMs: f.megabyteMs - (earlier?.megabyteMs ?? 0),
        outboundRequests: f.outboundRequests - (earlier?.outboundRequests ?? 0),
      };
    }),
    tables: mapValues(after.tables, (t, name) => {
      const earlier = before.tables[name];
      const earlierHot = new Map((earlier?.hotPartitions ?? []).map(({ key, writeUnits }) => [key, writeUnits]));
      return {
        requests: t.requests - (earlier?.requests ?? 0),
        readRequestUnits: t.readRequestUnits - (earlier?.readRequestUnits ?? 0),
        writeRequestUnits: t.writeRequestUnits - (earlier?.writeRequestUnits ?? 0),
        failedConditionalWrites: t.failedConditionalWrites - (earlier?.failedConditionalWrites ?? 0),
        hotPartitions: t.hotPartitions
          .map(({ key, writeUnits }) => ({ key, writeUnits: writeUnits - (earlierHot.get(key) ?? 0) }))
          .filter(({ writeUnits }) => writeUnits > 0)
          .sort((a, b) => b.writeUnits - a.writeUnits),
      };
    }),
    httpApi: {
      requests: after.httpApi.requests - before.httpApi.requests,
      meteredRequests: after.httpApi.meteredRequests - before.httpApi.meteredRequests,
    },
  };
}

function mapValues<T, R>(record: Record<string, T>, fn: (value: T, key: string) => R): Record<string, R> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value, key)]));
}
