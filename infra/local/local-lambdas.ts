import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { ENTRY_METADATA_KEY, REPO_ROOT } from '../constructs/handler-function';
import { localArn } from './local-names';
import { assertLambdaPayload } from './payload-limits';
import type { LocalTemplate } from './template';
import { LocalStackUnsupportedError } from './unsupported-error';
import type { UsageMeter } from './usage-meter';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

interface LocalFunction {
  readonly logicalId: string;
  readonly entry: string;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
  handler?: Handler;
}

/**
 * Runs the template's Lambda functions in this process, from the same handler modules that CDK
 * bundles for AWS (named by the function's `lindung:entry` metadata).
 *
 * Environment variables: all functions share one process, so their template environments are
 * merged into process.env. Two functions that give one variable different values would need
 * separate processes; that is reported as unsupported instead of silently picking one.
 */
export class LocalLambdas {
  private readonly functions = new Map<string, LocalFunction>();

  /** `usage`, when given, counts every invocation and its billed duration (usage-meter.ts). */
  constructor(
    template: LocalTemplate,
    baseEnvironment: Record<string, string>,
    private readonly usage?: UsageMeter,
  ) {
    const environment: Record<string, { value: string; from: string }> = {};
    const providers = customResourceProviders(template);
    for (const [logicalId, resource] of template.ofType('AWS::Lambda::Function')) {
      const entry = resource.Metadata?.[ENTRY_METADATA_KEY];
      // CloudFormation calls these only while deploying; the local stack handles each custom
      // resource type itself (LOCAL_RESOURCE_SUPPORT), so they are never run here.
      if (typeof entry !== 'string' && providers.has(logicalId)) continue;
      if (typeof entry !== 'string') {
        throw new LocalStackUnsupportedError(
          `function ${logicalId}`,
          `it has no "${ENTRY_METADATA_KEY}" metadata naming its handler module (create it with HandlerFunction)`,
        );
      }
      const properties = template.properties(logicalId) as {
        Timeout?: number;
        MemorySize?: number;
        Environment?: { Variables?: Record<string, string> };
      };
      for (const [name, value] of Object.entries(properties.Environment?.Variables ?? {})) {
        const existing = environment[name];
        if (existing && existing.value !== value) {
          throw new LocalStackUnsupportedError(
            `function ${logicalId}`,
            `its ${name}=${value} differs from ${existing.from}'s ${name}=${existing.value}, and local functions share one environment`,
          );
        }
        environment[name] = { value, from: logicalId };
      }
      this.functions.set(logicalId, {
        logicalId,
        entry,
        timeoutSeconds: properties.Timeout ?? 3,
        memorySize: properties.MemorySize ?? 128,
      });
      usage?.registerFunction(logicalId, properties.MemorySize ?? 128);
    }
    for (const [name, { value }] of Object.entries(environment)) process.env[name] = value;
    Object.assign(process.env, baseEnvironment);
  }

  has(logicalId: string): boolean {
    return this.functions.has(logicalId);
  }

  /** Logical id of the function a local Lambda ARN points at. */
  logicalIdOfArn(arn: string): string | undefined {
    const name = arn.split(':').at(-1);
    return name && this.functions.has(name) ? name : undefined;
  }

  /**
   * Invokes a function as Lambda's synchronous Invoke would: payload limits both ways, the
   * function's timeout, and errors surfacing with their name (Lambda's errorType).
   */
  async invoke(logicalId: string, event: unknown): Promise<unknown> {
    const fn = this.functions.get(logicalId);
    if (!fn) throw new Error(`No function ${logicalId} in the template`);
    assertLambdaPayload(logicalId, 'request', event);
    const handler = await this.load(fn);
    const deadline = Date.now() + fn.timeoutSeconds * 1000;
    const context = lambdaContext(fn, deadline);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds (function ${logicalId})`);
        error.name = 'Sandbox.Timedout';
        reject(error);
      }, fn.timeoutSeconds * 1000);
    });
    try {
      // A JSON round trip, as over the wire: handlers must not rely on shared object identity.
      const run = () => Promise.race([handler(JSON.parse(JSON.stringify(event ?? null)), context), timeout]);
      const result = this.usage ? await this.usage.invocation(logicalId, run) : await run();
      assertLambdaPayload(logicalId, 'response', result);
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } finally {
      clearTimeout(timer);
    }
  }

  private async load(fn: LocalFunction): Promise<Handler> {
    if (!fn.handler) {
      const module = (await import(pathToFileURL(path.join(REPO_ROOT, fn.entry)).href)) as { handler?: Handler };
      if (typeof module.handler !== 'function') {
        throw new LocalStackUnsupportedError(`function ${fn.logicalId}`, `${fn.entry} does not export a handler function`);
      }
      fn.handler = module.handler;
    }
    return fn.handler;
  }
}

/**
 * Functions that serve a custom resource (its ServiceToken), such as CDK's BucketDeployment
 * provider. Only their custom resource calls them, and only during a deployment.
 */
function customResourceProviders(template: LocalTemplate): Set<string> {
  const providers = new Set<string>();
  for (const resource of Object.values(template.template.Resources)) {
    if (!resource.Type.startsWith('Custom::') && resource.Type !== 'AWS::CloudFormation::CustomResource') continue;
    const serviceToken = resource.Properties?.ServiceToken as { 'Fn::GetAtt'?: [string, string] } | undefined;
    const provider = serviceToken?.['Fn::GetAtt']?.[0];
    if (provider) providers.add(provider);
  }
  return providers;
}

function lambdaContext(fn: LocalFunction, deadline: number): Context {
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: fn.logicalId,
    functionVersion: '$LATEST',
    invokedFunctionArn: localArn.lambda(fn.logicalId),
    memoryLimitInMB: String(fn.memorySize),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${fn.logicalId}`,
    logStreamName: `local/${requestId}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
