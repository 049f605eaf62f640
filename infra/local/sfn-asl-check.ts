import type { LocalLambdas } from './local-lambdas';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './local-names';
import { LocalStackUnsupportedError } from './unsupported-error';

/** A state of an Amazon States Language definition, loosely typed: this module checks it. */
export type AslState = { Type: string } & Record<string, unknown>;

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  [field: string]: unknown;
}

/**
 * How a Task state reaches its Lambda function, in the two forms CDK emits for LambdaInvoke:
 * - `function-arn`: Resource is the function's ARN (payloadResponseOnly); the result is the payload.
 * - `lambda-invoke`: Resource is `arn:aws:states:::lambda:invoke` with Parameters.FunctionName; the
 *   result is the Invoke API's response. `logicalId` is absent when FunctionName is a path (`.$`).
 */
export type LambdaTaskBinding = { form: 'function-arn'; logicalId: string } | { form: 'lambda-invoke'; logicalId?: string };

const LAMBDA_INVOKE = /^arn:aws[a-z-]*:states:::lambda:invoke$/;
const INTEGRATION_PATTERN = /\.(sync(:\d+)?|waitForTaskToken)$/;
const FULL_FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:([^:]*):([^:]*):function:([^:]+)(?::[^:]+)?$/;
const PARTIAL_FUNCTION_ARN = /^(\d{12}):function:([^:]+)(?::[^:]+)?$/;
const FUNCTION_NAME = /^([A-Za-z0-9_-]+)(?::[^:]+)?$/;

/** Visits every state, including those of Parallel branches and Map item processors. */
export function forEachState(definition: AslDefinition, visit: (name: string, state: AslState) => void): void {
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    visit(name, state);
    if (state.Type === 'Parallel') {
      for (const branch of (state.Branches as AslDefinition[] | undefined) ?? []) forEachState(branch, visit);
    }
    if (state.Type === 'Map') {
      const processor = (state.ItemProcessor ?? state.Iterator) as AslDefinition | undefined;
      if (processor) forEachState(processor, visit);
    }
  }
}

/**
 * Checks that the local stack can run a definition exactly as AWS would, and returns how each
 * Task state reaches its Lambda function (keyed by state name, which ASL makes unique across the
 * whole definition). Anything it cannot run is a LocalStackUnsupportedError naming the state, so
 * that a workflow never silently behaves differently here than on AWS.
 */
export function lambdaTaskBindings(
  machineName: string,
  definition: AslDefinition,
  lambdas: LocalLambdas,
): Map<string, LambdaTaskBinding> {
  if (definition.QueryLanguage === 'JSONata') {
    throw new LocalStackUnsupportedError(`state machine ${machineName}`, 'JSONata (QueryLanguage) is not supported by aws-local-stepfunctions');
  }
  const bindings = new Map<string, LambdaTaskBinding>();
  const seen = new Set<string>();
  forEachState(definition, (name, state) => {
    const where = `state "${name}" of state machine ${machineName}`;
    if (seen.has(name)) throw new LocalStackUnsupportedError(where, 'state names must be unique across the whole definition');
    seen.add(name);
    rejectUnsupportedFields(where, state);
    if (state.Type === 'Task') bindings.set(name, taskBinding(where, state, lambdas));
    if (state.Type === 'Map') checkMap(where, state);
  });
  return bindings;
}

function rejectUnsupportedFields(where: string, state: AslState): void {
  if (state.QueryLanguage === 'JSONata' || 'Arguments' in state || 'Output' in state) {
    throw new LocalStackUnsupportedError(where, 'JSONata (QueryLanguage, Arguments, Output) is not supported by aws-local-stepfunctions');
  }
  if ('Assign' in state) {
    throw new LocalStackUnsupportedError(where, 'workflow variables (Assign) are not supported by aws-local-stepfunctions');
  }
  if ('Credentials' in state) {
    throw new LocalStackUnsupportedError(where, 'cross-account task Credentials');
  }
}

function checkMap(where: string, state: AslState): void {
  for (const field of ['ItemReader', 'ItemBatcher', 'ResultWriter']) {
    if (field in state) throw new LocalStackUnsupportedError(where, `the Distributed Map field ${field} (items come from ItemsPath locally)`);
  }
  for (const field of ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', 'ToleratedFailureCount', 'ToleratedFailureCountPath']) {
    if (field in state && state[field] !== 0) {
      throw new LocalStackUnsupportedError(where, `the Distributed Map field ${field} (a failed item fails the Map locally)`);
    }
  }
  // ItemProcessor.ProcessorConfig.Mode DISTRIBUTED is allowed: the items run inline, as child
  // state machines of this execution rather than as child executions (docs/local-vs-cloud.md).
}

function taskBinding(where: string, state: AslState, lambdas: LocalLambdas): LambdaTaskBinding {
  const resource = state.Resource;
  if (typeof resource !== 'string') throw new LocalStackUnsupportedError(where, 'a Task without a string Resource');
  if (INTEGRATION_PATTERN.test(resource)) {
    throw new LocalStackUnsupportedError(where, `the integration pattern of ${resource} (.sync and .waitForTaskToken need the real service)`);
  }
  if (LAMBDA_INVOKE.test(resource)) return lambdaInvokeBinding(where, state, lambdas);
  const logicalId = functionLogicalId(resource, lambdas);
  if (logicalId) return { form: 'function-arn', logicalId };
  throw new LocalStackUnsupportedError(
    where,
    `its resource ${resource}, which is not a Lambda function of this template (only Lambda tasks run locally)`,
  );
}

function lambdaInvokeBinding(where: string, state: AslState, lambdas: LocalLambdas): LambdaTaskBinding {
  const parameters = (state.Parameters ?? {}) as Record<string, unknown>;
  const invocationType = parameters.InvocationType;
  if (invocationType !== undefined && invocationType !== 'RequestResponse') {
    throw new LocalStackUnsupportedError(where, `lambda:invoke with InvocationType ${String(invocationType)} (only RequestResponse)`);
  }
  if ('FunctionName.$' in parameters) return { form: 'lambda-invoke' };
  const functionName = parameters.FunctionName;
  const logicalId = typeof functionName === 'string' ? functionLogicalId(functionName, lambdas) : undefined;
  if (!logicalId) {
    throw new LocalStackUnsupportedError(where, `lambda:invoke of ${String(functionName)}, which is not a Lambda function of this template`);
  }
  return { form: 'lambda-invoke', logicalId };
}

/**
 * The logical id of the template function that a FunctionName or Lambda ARN names, in any form
 * the Invoke API accepts (name, partial ARN, full ARN, each with an optional qualifier). Local
 * functions are named by their logical id, in the local region and account.
 */
export function functionLogicalId(reference: string, lambdas: LocalLambdas): string | undefined {
  const full = FULL_FUNCTION_ARN.exec(reference);
  const partial = PARTIAL_FUNCTION_ARN.exec(reference);
  const bare = FUNCTION_NAME.exec(reference);
  let name: string | undefined;
  if (full) name = full[1] === LOCAL_REGION && full[2] === LOCAL_ACCOUNT ? full[3] : undefined;
  else if (partial) name = partial[1] === LOCAL_ACCOUNT ? partial[2] : undefined;
  else if (bare) name = bare[1];
  return name !== undefined && lambdas.has(name) ? name : undefined;
}
