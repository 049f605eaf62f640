import type { StateMachine } from 'aws-local-stepfunctions';
import { STATE_PAYLOAD_LIMIT_BYTES } from './payload-limits';

/** An event of aws-local-stepfunctions' execution event log. */
export type LibraryEvent = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/**
 * One event of an execution's history, shaped as GetExecutionHistory returns it (type, ids and a
 * `<kind>EventDetails` member) except that the timestamp is kept in epoch milliseconds.
 */
export type HistoryEvent = { id: number; previousEventId: number; timestamp: number; type: string } & { [details: string]: unknown };
export type HistoryDraft = { timestamp: number; type: string } & { [details: string]: unknown };

/** Appends an event, numbering it after the last one as the real history does. */
export function appendHistory(history: HistoryEvent[], draft: HistoryDraft): void {
  const id = history.length + 1;
  history.push({ ...draft, id, previousEventId: id - 1 });
}

/**
 * The AWS-shaped history event for a library event, or undefined for those without a
 * counterpart. Execution-level events are not taken from the library: the execution writes its
 * own (it knows about stops, restarts and the payload guard, which the library does not).
 */
export function historyDraftOf(event: LibraryEvent): HistoryDraft | undefined {
  const { timestamp } = event;
  switch (event.type) {
    case 'StateEntered':
      return {
        timestamp,
        type: `${event.state.type}StateEntered`,
        stateEnteredEventDetails: { name: event.state.name, ...data('input', event.state.input) },
      };
    case 'StateExited':
      return {
        timestamp,
        type: `${event.state.type}StateExited`,
        stateExitedEventDetails: { name: event.state.name, ...data('output', event.state.output) },
      };
    case 'StateFailed':
      if (event.state.type === 'Task') {
        return {
          timestamp,
          type: 'TaskFailed',
          taskFailedEventDetails: { resourceType: 'lambda', resource: 'invoke', error: event.Error, cause: causeText(event.Cause) },
        };
      }
      if (event.state.type === 'Map' || event.state.type === 'Parallel') return { timestamp, type: `${event.state.type}StateFailed` };
      return undefined;
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed': {
      const key = `${event.type[0]!.toLowerCase()}${event.type.slice(1)}EventDetails`;
      return { timestamp, type: event.type, [key]: { name: event.parentState.name, index: event.index } };
    }
    default:
      return undefined;
  }
}

export function executionStarted(input: string, roleArn: string, timestamp: number): HistoryDraft {
  return { timestamp, type: 'ExecutionStarted', executionStartedEventDetails: { ...data('input', input), roleArn } };
}

/** Not an AWS event type: marks where a restart of the local stack re-ran the execution. */
export function executionResumed(resumedAfterRestart: number, timestamp: number): HistoryDraft {
  return {
    timestamp,
    type: 'ExecutionResumed',
    executionResumedEventDetails: {
      resumedAfterRestart,
      cause: 'The local stack restarted while the execution was running; it is re-run from its start with the same input.',
    },
  };
}

export function executionSucceeded(output: string, timestamp: number): HistoryDraft {
  return { timestamp, type: 'ExecutionSucceeded', executionSucceededEventDetails: data('output', output) };
}

export function executionFailed(error: string, cause: string, timestamp: number): HistoryDraft {
  return { timestamp, type: 'ExecutionFailed', executionFailedEventDetails: { error, cause } };
}

export function executionTimedOut(error: string, cause: string, timestamp: number): HistoryDraft {
  return { timestamp, type: 'ExecutionTimedOut', executionTimedOutEventDetails: { error, cause } };
}

export function executionAborted(error: string | undefined, cause: string | undefined, timestamp: number): HistoryDraft {
  return {
    timestamp,
    type: 'ExecutionAborted',
    executionAbortedEventDetails: { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) },
  };
}

/** The event as the API returns it: epoch seconds, and input/output only when asked for. */
export function apiHistoryEvent(event: HistoryEvent, includeExecutionData: boolean): Record<string, unknown> {
  const api: Record<string, unknown> = { ...event, timestamp: event.timestamp / 1000 };
  if (!includeExecutionData) {
    for (const [key, value] of Object.entries(event)) {
      if (key.endsWith('EventDetails') && value && typeof value === 'object') {
        const { input: _input, output: _output, ...rest } = value as Record<string, unknown>;
        api[key] = rest;
      }
    }
  }
  return api;
}

/**
 * `input`/`output` with their `...Details`, as the API reports them. A payload over the state
 * limit is truncated as AWS truncates it, which also keeps a record that hit the guard small.
 */
function data(field: 'input' | 'output', value: unknown): Record<string, unknown> {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  const truncated = Buffer.byteLength(text, 'utf8') > STATE_PAYLOAD_LIMIT_BYTES;
  return { [field]: truncated ? text.slice(0, STATE_PAYLOAD_LIMIT_BYTES / 4) : text, [`${field}Details`]: { truncated } };
}

function causeText(cause: unknown): string {
  return typeof cause === 'string' ? cause : JSON.stringify(cause ?? null);
}
