import { randomUUID } from 'node:crypto';
import type { RunOptions } from 'aws-local-stepfunctions';
import type { LocalLambdas } from './local-lambdas';
import { functionLogicalId, type LambdaTaskBinding } from './sfn-asl-check';
import { LocalStackUnsupportedError } from './unsupported-error';

export type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type JsonValue = Awaited<ReturnType<TaskHandlers[string]>>;

/** Hooks an execution puts around every Lambda task (its payload guard and its stop switch). */
export interface TaskHooks {
  /** Runs before the function is invoked, with the task's effective input (after Parameters). */
  beforeInvoke(stateName: string, input: unknown): Promise<void>;
  /** Runs on the task's raw result, before ResultSelector and ResultPath. */
  afterInvoke(stateName: string, result: unknown): void;
}

/**
 * A Lambda error as a Task state sees it: the error name is Lambda's `errorType` (the thrown
 * error's name), which Retry and Catch match in ErrorEquals, and the cause is the JSON error
 * object Lambda reports. aws-local-stepfunctions reads the name and uses the message as Cause.
 */
export class LambdaTaskError extends Error {
  constructor(errorType: string, errorMessage: string, trace: string[]) {
    super(JSON.stringify({ errorType, errorMessage, trace }));
    this.name = errorType;
  }
}

/**
 * An error the workflow must not be able to retry or catch: the local stack itself cannot go on
 * (an unsupported handler module, or the execution was stopped while a task was queued).
 */
export class TaskHaltedError extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;

  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * The `taskResourceLocalHandlers` override for one execution: every Task state runs its function
 * in-process through LocalLambdas.invoke (which enforces Lambda's payload limits and timeout).
 * aws-local-stepfunctions applies InputPath/Parameters before the handler and ResultSelector,
 * ResultPath, OutputPath, Retry and Catch after it, exactly as around a real Lambda call.
 */
export function lambdaTaskHandlers(
  bindings: ReadonlyMap<string, LambdaTaskBinding>,
  lambdas: LocalLambdas,
  hooks: TaskHooks,
): TaskHandlers {
  const handlers: TaskHandlers = {};
  for (const [stateName, binding] of bindings) {
    handlers[stateName] = async (input) => {
      await hooks.beforeInvoke(stateName, input);
      const result = binding.form === 'function-arn' ? await invoke(lambdas, binding.logicalId, input) : await invokeIntegration(lambdas, binding, input);
      hooks.afterInvoke(stateName, result);
      return result;
    };
  }
  return handlers;
}

async function invoke(lambdas: LocalLambdas, logicalId: string, payload: unknown): Promise<JsonValue> {
  try {
    return (await lambdas.invoke(logicalId, payload)) as JsonValue;
  } catch (error) {
    throw asTaskError(error);
  }
}

/** `arn:aws:states:::lambda:invoke`: the effective input is the Invoke request, the result its response. */
async function invokeIntegration(lambdas: LocalLambdas, binding: LambdaTaskBinding, input: unknown): Promise<JsonValue> {
  const request = (input ?? {}) as { FunctionName?: unknown; Payload?: unknown };
  const logicalId = binding.logicalId ?? (typeof request.FunctionName === 'string' ? functionLogicalId(request.FunctionName, lambdas) : undefined);
  if (!logicalId) {
    const error = new Error(`Function not found: ${String(request.FunctionName)}`);
    error.name = 'Lambda.ResourceNotFoundException';
    throw error;
  }
  const payload = await invoke(lambdas, logicalId, request.Payload === undefined ? {} : request.Payload);
  const requestId = randomUUID();
  const headers = {
    'Content-Type': 'application/json',
    Date: new Date().toUTCString(),
    'X-Amz-Executed-Version': '$LATEST',
    'x-amzn-RequestId': requestId,
  };
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
      HttpHeaders: headers,
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

function asTaskError(error: unknown): Error {
  if (error instanceof LocalStackUnsupportedError) return new TaskHaltedError(error.name, error.message);
  if (error instanceof Error) {
    return new LambdaTaskError(error.name || 'Error', error.message, (error.stack ?? '').split('\n'));
  }
  return new LambdaTaskError('Error', String(error), []);
}
