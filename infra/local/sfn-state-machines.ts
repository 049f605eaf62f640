import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { LocalLambdas } from './local-lambdas';
import { localArn } from './local-names';
import { type AslDefinition, forEachState, type LambdaTaskBinding, lambdaTaskBindings } from './sfn-asl-check';
import type { LocalTemplate } from './template';
import { LocalStackUnsupportedError } from './unsupported-error';

/**
 * The longest delay Node's setTimeout honours (about 24.8 days); a longer one fires at once.
 * aws-local-stepfunctions turns TimeoutSeconds into a setTimeout, so this stands for "no limit".
 */
const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** A state machine of the template, ready to run locally. */
export interface LocalStateMachine {
  /** Logical id in the template, which is also the local name. */
  readonly logicalId: string;
  readonly arn: string;
  readonly roleArn: string;
  /** The definition as deployed (DescribeStateMachine returns it). */
  readonly definition: string;
  readonly startAt: string;
  /** The aws-local-stepfunctions state machine; each `run` is an independent execution. */
  readonly engine: StateMachine;
  /** Task state name → the template function it invokes. */
  readonly tasks: ReadonlyMap<string, LambdaTaskBinding>;
  /** The template functions its Task states invoke (those named statically). */
  readonly functions: readonly string[];
  /** Map state name → what the usage meter needs to know about it. */
  readonly maps: ReadonlyMap<string, MapStateInfo>;
}

/** A Map state: its MaxConcurrency (0: unbounded), its mode, and the functions its iterations invoke. */
export interface MapStateInfo {
  readonly maxConcurrency: number;
  readonly distributed: boolean;
  readonly functions: readonly string[];
}

interface StateMachineProperties {
  StateMachineType?: string;
  DefinitionString?: unknown;
  Definition?: unknown;
  DefinitionS3Location?: unknown;
  DefinitionSubstitutions?: Record<string, unknown>;
  RoleArn?: unknown;
}

/** Every AWS::StepFunctions::StateMachine of the template, checked against what runs locally. */
export function loadStateMachines(template: LocalTemplate, lambdas: LocalLambdas): LocalStateMachine[] {
  return template.ofType('AWS::StepFunctions::StateMachine').map(([logicalId]) => {
    const properties = template.properties(logicalId) as StateMachineProperties;
    const where = `state machine ${logicalId}`;
    if (properties.StateMachineType !== undefined && properties.StateMachineType !== 'STANDARD') {
      throw new LocalStackUnsupportedError(where, `its type ${String(properties.StateMachineType)} (only STANDARD workflows run locally)`);
    }
    const definitionText = definitionOf(where, properties);
    let definition: AslDefinition;
    try {
      definition = JSON.parse(definitionText) as AslDefinition;
    } catch (error) {
      throw new Error(`The definition of ${where} is not valid JSON: ${(error as Error).message}`);
    }
    const tasks = lambdaTaskBindings(logicalId, definition, lambdas);
    return {
      logicalId,
      arn: localArn.stateMachine(logicalId),
      roleArn: typeof properties.RoleArn === 'string' ? properties.RoleArn : localArn.role(`${logicalId}Role`),
      definition: definitionText,
      startAt: definition.StartAt,
      engine: engineFor(where, forLibrary(definition)),
      tasks,
      functions: [...new Set([...tasks.values()].flatMap((binding) => (binding.logicalId ? [binding.logicalId] : [])))],
      maps: mapStatesOf(definition, tasks),
    };
  });
}

/** Every Map state, nested ones included, with what bounds and bills its iterations. */
function mapStatesOf(definition: AslDefinition, tasks: ReadonlyMap<string, LambdaTaskBinding>): Map<string, MapStateInfo> {
  const maps = new Map<string, MapStateInfo>();
  forEachState(definition, (name, state) => {
    if (state.Type !== 'Map') return;
    const processor = (state.ItemProcessor ?? state.Iterator) as (AslDefinition & { ProcessorConfig?: { Mode?: string } }) | undefined;
    const functions = new Set<string>();
    if (processor) {
      forEachState(processor, (inner) => {
        const logicalId = tasks.get(inner)?.logicalId;
        if (logicalId) functions.add(logicalId);
      });
    }
    maps.set(name, {
      maxConcurrency: typeof state.MaxConcurrency === 'number' ? state.MaxConcurrency : 0,
      distributed: processor?.ProcessorConfig?.Mode === 'DISTRIBUTED',
      functions: [...functions],
    });
  });
  return maps;
}

/** The definition text, with DefinitionSubstitutions applied as CloudFormation applies them. */
function definitionOf(where: string, properties: StateMachineProperties): string {
  const substitutions = Object.entries(properties.DefinitionSubstitutions ?? {});
  const substitute = (text: string) => substitutions.reduce((result, [key, value]) => result.replaceAll(`\${${key}}`, String(value)), text);
  if (typeof properties.DefinitionString === 'string') return substitute(properties.DefinitionString);
  if (properties.Definition !== undefined && typeof properties.Definition === 'object') {
    return JSON.stringify(substituteStrings(properties.Definition, substitute));
  }
  if (properties.DefinitionS3Location !== undefined) {
    throw new LocalStackUnsupportedError(where, 'a DefinitionS3Location (use DefinitionBody.fromChainable or fromString)');
  }
  throw new LocalStackUnsupportedError(where, 'a state machine without DefinitionString or Definition');
}

function substituteStrings(value: unknown, substitute: (text: string) => string): unknown {
  if (typeof value === 'string') return substitute(value);
  if (Array.isArray(value)) return value.map((item) => substituteStrings(item, substitute));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteStrings(item, substitute)]));
  }
  return value;
}

/**
 * A copy of the definition adjusted where aws-local-stepfunctions differs from AWS: it gives a
 * Task without TimeoutSeconds a 60-second timeout (AWS gives none, so a Lambda task is bounded by
 * the function's own timeout), a TimeoutSeconds beyond setTimeout's range would fire
 * immediately, and it nests a result under a "$" key for `"ResultPath": "$"`, which on AWS (as
 * when ResultPath is absent) replaces the state's input with its result.
 */
function forLibrary(definition: AslDefinition): AslDefinition {
  const copy = structuredClone(definition);
  if (typeof copy.TimeoutSeconds === 'number') copy.TimeoutSeconds = Math.min(copy.TimeoutSeconds, MAX_TIMER_SECONDS);
  forEachState(copy, (_, state) => {
    if (state.ResultPath === '$') delete state.ResultPath;
    if (state.Type !== 'Task') return;
    if (typeof state.TimeoutSeconds === 'number') state.TimeoutSeconds = Math.min(state.TimeoutSeconds, MAX_TIMER_SECONDS);
    else if (state.TimeoutSecondsPath === undefined) state.TimeoutSeconds = MAX_TIMER_SECONDS;
  });
  return copy;
}

function engineFor(where: string, definition: AslDefinition): StateMachine {
  try {
    return new StateMachine(definition as unknown as StateMachineDefinition, {
      validationOptions: { checkPaths: true, checkArn: true },
    });
  } catch (error) {
    throw new LocalStackUnsupportedError(where, `a definition that aws-local-stepfunctions rejects: ${(error as Error).message}`);
  }
}
