import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { RequestListener, Server } from 'node:http';
import path from 'node:path';
import { dynamoDbClient } from '../../shared/adapters/dynamodb/document-client';
import type { Role } from '../../shared/core/access/roles';
import type { CloudFormationTemplate } from '../synthesize';
import { DynamoDbLocal, LOCAL_CREDENTIALS, localDynamoDbClient } from './dynamodb-local';
import { meterDynamoDbClient } from './dynamodb-usage-middleware';
import { type LocalAuthConfig, writeLocalAuthConfig } from '../../shared/runtime/local-auth/local-auth-config';
import { localAuthConfigOf } from './authorizer-config';
import { signLocalToken } from '../../shared/runtime/local-auth/local-token';
import { readHttpApi } from './http-api-definition';
import { LocalAwsJsonEndpoint } from './local-aws-json-endpoint';
import { LocalHttpApi, listenHttp } from './local-http-api';
import { LocalClock } from './local-clock';
import { LocalConsole } from './local-console';
import { LocalControlApi } from './local-control-api';
import { LocalLambdas } from './local-lambdas';
import { LOCAL_REGION } from './local-names';
import { LocalScheduler, SCHEDULE_TYPE } from './local-scheduler';
import { LocalStepFunctions } from './local-step-functions';
import { TABLE_TYPE, createLocalTables } from './local-tables';
import { LocalTemplate } from './template';
import { LocalStackUnsupportedError } from './unsupported-error';
import { meterOutboundRequests, UsageMeter, type UsageSnapshot } from './usage-meter';

export type ResourceSupport = 'emulated' | `inert: ${string}`;

/**
 * Every CloudFormation type the local stack knows, and what it does with it. A type missing
 * here stops the local stack, so a new kind of resource cannot be silently skipped locally
 * while it does something in the cloud.
 */
export const LOCAL_RESOURCE_SUPPORT: Readonly<Record<string, ResourceSupport>> = {
  [TABLE_TYPE]: 'emulated',
  'AWS::Lambda::Function': 'emulated',
  'AWS::ApiGatewayV2::Api': 'emulated',
  'AWS::ApiGatewayV2::Route': 'emulated',
  'AWS::ApiGatewayV2::Integration': 'emulated',
  'AWS::ApiGatewayV2::Authorizer': 'emulated',
  'AWS::StepFunctions::StateMachine': 'emulated',
  // Run against the local business clock, which `npx lindung clock set` moves (local-scheduler.ts).
  [SCHEDULE_TYPE]: 'emulated',
  // Local auth signs tokens with the claims Cognito's ID tokens carry; groups are the roles in them.
  'AWS::Cognito::UserPool': 'emulated',
  'AWS::Cognito::UserPoolClient': 'emulated',
  'AWS::Cognito::UserPoolGroup': 'emulated',
  'AWS::ApiGatewayV2::Stage': 'inert: the local API serves the $default stage; access logs and throttling are cloud concerns',
  'AWS::IAM::Role': 'inert: local functions run with local credentials; IAM is checked by cdk-nag and in the cloud',
  'AWS::IAM::Policy': 'inert: local functions run with local credentials; IAM is checked by cdk-nag and in the cloud',
  'AWS::Lambda::Permission': 'inert: it lets API Gateway invoke a function, which the local API does directly',
  'AWS::Logs::LogGroup': 'inert: local functions log to the terminal',
  'AWS::CDK::Metadata': 'inert: CDK version reporting',
  'AWS::SecretsManager::Secret': 'inert: the local stack gives the functions the insurer simulator\'s address and key (INSURER_BASE_URL, INSURER_API_KEY) instead',
  // The web console (infra/constructs/web-console.ts): built from source and served at /console/ (local-console.ts).
  'Custom::CDKBucketDeployment': 'emulated',
  'AWS::S3::Bucket': 'inert: the console files are served from memory at /console/ on the API port; the audit exports are files under DATA_DIR/audit-exports (AUDIT_EXPORT_DIR)',
  'AWS::S3::BucketPolicy': 'inert: the console files are served from memory at /console/ on the API port; the audit exports are files under DATA_DIR/audit-exports (AUDIT_EXPORT_DIR)',
  'AWS::CloudFront::Distribution': 'inert: the API port serves the console at /console/, on the API origin',
  'AWS::CloudFront::OriginAccessControl': 'inert: there is no bucket for CloudFront to read locally',
  'AWS::CloudFront::ResponseHeadersPolicy': 'inert: the local console sends the same security headers itself',
  'AWS::Lambda::LayerVersion': "inert: only the BucketDeployment provider uses one (the AWS CLI), and it runs at deploy time only",
  'AWS::Cognito::UserPoolDomain': 'inert: no hosted sign-in locally; the local console has its own sign-in page (local-console.ts)',
};

export interface LocalStackOptions {
  /** The synthesized template, from `synthesizeTemplate({ bundle: false })`. */
  readonly template: CloudFormationTemplate;
  /** Keys, DynamoDB files, executions, endpoint.json. */
  readonly dataDir: string;
  /** HTTP port; 0 or undefined picks a free one. */
  readonly port?: number;
  /** Keep DynamoDB Local in memory (tests). */
  readonly inMemory?: boolean;
  /** Extra environment for the handlers (e.g. a log level). */
  readonly environment?: Record<string, string>;
  /** Log one line per request to stdout. */
  readonly log?: boolean;
  /** Sets the business clock at start (LINDUNG_CLOCK): a date (09:00 in Jakarta) or an ISO timestamp. */
  readonly clock?: string;
  /**
   * Meter DynamoDB (default true): every request asks for ReturnConsumedCapacity, which costs
   * DynamoDB Local a fifth to a third more CPU per write than the request alone. The benches
   * turn it off to compare Lindung's writes with the floor's bare ones; `usage()` then counts
   * no DynamoDB.
   */
  readonly meterDynamoDb?: boolean;
}

/** Written to DATA_DIR/endpoint.json for the CLI and scripts to find the running stack. */
export interface LocalEndpoint {
  readonly apiUrl: string;
  /** The local Step Functions API, on its own loopback port (never served on the API's port). */
  readonly stepFunctionsEndpoint: string;
  readonly dynamoDbEndpoint: string;
  readonly pid: number;
}

/**
 * The synthesized template running on this machine: DynamoDB Local for the tables, the Lambda
 * handlers in-process, the HTTP API (with local JWT auth) on one port and the Step Functions
 * API on another, both on 127.0.0.1.
 */
export class LocalStack {
  readonly template: LocalTemplate;
  readonly lambdas: LocalLambdas;
  readonly apiUrl: string;
  /** Where the handlers' SFNClient (AWS_ENDPOINT_URL_SFN) and the local tooling reach Step Functions. */
  readonly stepFunctionsEndpoint: string;
  readonly dynamoDbEndpoint: string;
  private readonly dataDir: string;
  private readonly authConfig: LocalAuthConfig | undefined;
  private readonly cleanups: (() => Promise<void>)[];
  private readonly meter: UsageMeter;

  private constructor(parts: {
    template: LocalTemplate;
    lambdas: LocalLambdas;
    apiUrl: string;
    stepFunctionsEndpoint: string;
    dynamoDbEndpoint: string;
    dataDir: string;
    authConfig: LocalAuthConfig | undefined;
    cleanups: (() => Promise<void>)[];
    meter: UsageMeter;
  }) {
    this.template = parts.template;
    this.lambdas = parts.lambdas;
    this.apiUrl = parts.apiUrl;
    this.stepFunctionsEndpoint = parts.stepFunctionsEndpoint;
    this.dynamoDbEndpoint = parts.dynamoDbEndpoint;
    this.dataDir = parts.dataDir;
    this.authConfig = parts.authConfig;
    this.cleanups = parts.cleanups;
    this.meter = parts.meter;
  }

  static async start(options: LocalStackOptions): Promise<LocalStack> {
    const template = new LocalTemplate(options.template);
    // Everything that only needs the template is checked before any process starts.
    assertSupportedResources(template);
    const httpApi = readHttpApi(template);
    const authConfig = localAuthConfigOf(template);
    const dataDir = path.resolve(options.dataDir);
    await mkdir(dataDir, { recursive: true });

    const cleanups: (() => Promise<void>)[] = [];
    // What the stack uses, counted as AWS bills it (usage-meter.ts, docs/cost.md).
    const meter = new UsageMeter();
    try {
      const { server, port } = await listenHttp(options.port ?? 0);
      const closeApi = () => closeServer(server);
      cleanups.push(closeApi);
      const apiUrl = `http://127.0.0.1:${port}`;
      const gate = requestGate(server);
      // Listen before the functions exist: their environment names this URL as the Step Functions endpoint.
      const sfn = await listenHttp(0);
      const closeStepFunctionsEndpoint = () => closeServer(sfn.server);
      cleanups.push(closeStepFunctionsEndpoint);
      const stepFunctionsEndpoint = `http://127.0.0.1:${sfn.port}`;
      const stepFunctionsGate = requestGate(sfn.server);

      const dynamoDb = await DynamoDbLocal.start({ dataDir, inMemory: options.inMemory ?? false });
      cleanups.push(() => dynamoDb.stop());
      const client = localDynamoDbClient(dynamoDb.endpoint);
      try {
        await createLocalTables(template, client);
      } finally {
        client.destroy();
      }

      const lambdas = new LocalLambdas(template, {
        AWS_REGION: LOCAL_REGION,
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        // AWS SDK v3 clients read AWS_ENDPOINT_URL_<SERVICE>, so handlers need no local branch.
        AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint,
        AWS_ENDPOINT_URL_SFN: stepFunctionsEndpoint,
        // No S3 locally: the audit chain-head exports go to files in the data directory (chain-head-archive-of-env.ts).
        AUDIT_EXPORT_DIR: path.join(dataDir, 'audit-exports'),
        POWERTOOLS_TRACE_ENABLED: 'false',
        // With tracing off, X-Ray's automatic mode would still hook every promise of the process
        // (cls-hooked's async hooks, destroy tracking included): a third of the CPU of a bench's run.
        AWS_XRAY_MANUAL_MODE: 'true',
        POWERTOOLS_METRICS_DISABLED: 'true',
        ...options.environment,
      }, meter);
      // Handlers share one DynamoDB client and call the insurer with fetch: both metered here.
      const unmeterDynamoDb = options.meterDynamoDb === false ? () => undefined : meterDynamoDbClient(dynamoDbClient, template, meter);
      const unmeterOutbound = meterOutboundRequests(meter);
      cleanups.push(async () => {
        unmeterDynamoDb();
        unmeterOutbound();
      });

      // ---- Step Functions hook: the local Step Functions service, on its own port. ----
      const stepFunctions = await LocalStepFunctions.start({ template, lambdas, dataDir, usage: meter });
      cleanups.push(() => stepFunctions.stop());
      stepFunctionsGate.open(new LocalAwsJsonEndpoint({ service: stepFunctions, log: options.log ?? false }).listener);
      const clock = await LocalClock.start(dataDir, options.clock);
      const scheduler = await LocalScheduler.start({ template, dataDir, clock, stepFunctions, log: options.log ?? false });
      cleanups.push(async () => scheduler.stop());

      const api = new LocalHttpApi({ definition: httpApi, lambdas, dataDir, log: options.log ?? false, usage: meter });
      // The template's web console (S3 + CloudFront in the cloud) is served at /console/ on the same port.
      const webConsole = await LocalConsole.fromTemplate(template, { dataDir, auth: authConfig });
      // The local-only controls (clock, schedules) at /_local/, never in the template.
      const controls = new LocalControlApi({ dataDir, auth: authConfig, clock, scheduler });
      gate.open(controls.in(webConsole ? webConsole.in(api.listener) : api.listener));

      const endpoint: LocalEndpoint = { apiUrl, stepFunctionsEndpoint, dynamoDbEndpoint: dynamoDb.endpoint, pid: process.pid };
      await writeFile(path.join(dataDir, 'endpoint.json'), `${JSON.stringify(endpoint, null, 2)}\n`);
      cleanups.push(() => removeEndpointFile(dataDir));
      if (authConfig) await writeLocalAuthConfig(dataDir, authConfig);
      // Cleanups run last-first; on stop, the endpoints stop taking requests before the services behind them go.
      for (const close of [closeStepFunctionsEndpoint, closeApi]) {
        cleanups.splice(cleanups.indexOf(close), 1);
        cleanups.push(close);
      }
      return new LocalStack({ template, lambdas, apiUrl, stepFunctionsEndpoint, dynamoDbEndpoint: dynamoDb.endpoint, dataDir, authConfig, cleanups, meter });
    } catch (error) {
      await runCleanups(cleanups);
      throw error;
    }
  }

  /** The local name of the one table whose logical id starts with `logicalIdPrefix`, e.g. `DataMain`. */
  tableName(logicalIdPrefix: string): string {
    const names = this.template.ofType(TABLE_TYPE).map(([logicalId]) => logicalId).filter((id) => id.startsWith(logicalIdPrefix));
    if (names.length !== 1) {
      throw new Error(`${names.length} tables have a logical id starting with ${logicalIdPrefix}: ${names.join(', ') || 'none'}`);
    }
    return names[0]!;
  }

  /**
   * What the stack has used since it started: state transitions, Lambda invocations and
   * GB-seconds, DynamoDB request units, HTTP API requests. Take one before and one after a run
   * and subtract them with usageDelta (usage-meter.ts).
   */
  usage(): UsageSnapshot {
    return this.meter.snapshot();
  }

  /** A token for the local API, as Cognito would issue to `username` in the groups `roles` and of the region `region`. */
  async token(username: string, roles: readonly Role[], region: string): Promise<string> {
    if (!this.authConfig) throw new Error('The template has no JWT authorizer, so the local API takes no tokens');
    return signLocalToken(this.dataDir, { username, roles, region, ...this.authConfig });
  }

  async stop(): Promise<void> {
    await runCleanups(this.cleanups.splice(0));
  }
}

/** Throws LocalStackUnsupportedError for the first resource of a type the local stack does not know. */
export function assertSupportedResources(template: LocalTemplate): void {
  for (const [logicalId, resource] of Object.entries(template.template.Resources)) {
    if (!(resource.Type in LOCAL_RESOURCE_SUPPORT)) {
      throw new LocalStackUnsupportedError(`resource ${logicalId}`, `its type ${resource.Type}`);
    }
  }
}

/**
 * Holds requests that arrive between listen() and the API being ready (a browser retrying on
 * the fixed port), instead of leaving them without an answer.
 */
function requestGate(server: Server): { open(listener: RequestListener): void } {
  let open: (listener: RequestListener) => void = () => undefined;
  const ready = new Promise<RequestListener>((resolve) => (open = resolve));
  server.on('request', (request, response) => void ready.then((listener) => listener(request, response)));
  return { open: (listener) => open(listener) };
}

async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections (the SDK's, fetch's) would otherwise hold close() open.
  server.closeAllConnections();
  await closed;
}

async function removeEndpointFile(dataDir: string): Promise<void> {
  const file = path.join(dataDir, 'endpoint.json');
  const endpoint = await readFile(file, 'utf8').then((text) => JSON.parse(text) as LocalEndpoint, () => undefined);
  // Another stack may have started over the same data directory since; its file stays.
  if (endpoint?.pid === process.pid) await rm(file, { force: true });
}

/** Runs cleanups last-first, all of them even if one fails, then reports the first failure. */
async function runCleanups(cleanups: (() => Promise<void>)[]): Promise<void> {
  let failure: unknown;
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure) throw failure;
}
