import path from 'node:path';
import { CfnResource, Duration, Validations } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Repository root, so that handler entries can be named relative to it. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * Template metadata key that names a function's handler module. The local stack reads it to run
 * the same module in-process; in the cloud it is inert.
 */
export const ENTRY_METADATA_KEY = 'lindung:entry';

export interface HandlerFunctionProps {
  /** Handler module relative to the repository root, e.g. `functions/regulation/apply.ts`. */
  readonly entry: string;
  readonly description: string;
  readonly environment?: Record<string, string>;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  /** The execution role, when functions of the same access share one (route-roles.ts); otherwise its own. */
  readonly role?: IRole;
}

/**
 * A Lambda function with Lindung's defaults: Node 24 on arm64, ESM bundle, X-Ray tracing,
 * Powertools settings and a log group with a retention period. Every handler goes through here.
 */
export class HandlerFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.SIX_MONTHS });
    super(scope, id, {
      entry: path.join(REPO_ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(29),
      tracing: Tracing.ACTIVE,
      logGroup,
      ...(props.role ? { role: props.role } : {}),
      environment: {
        POWERTOOLS_SERVICE_NAME: 'lindung',
        POWERTOOLS_METRICS_NAMESPACE: 'Lindung',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        sourceMap: true,
        // Some dependencies still call require(); give ESM bundles one.
        banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        mainFields: ['module', 'main'],
      },
    });
    (this.node.defaultChild as CfnResource).addMetadata(ENTRY_METADATA_KEY, props.entry);

    Validations.of(this).acknowledge(
      {
        // aws-cdk-lib 2.278 knows nodejs26.x, so AwsSolutions-L1 ("not the latest runtime") fires on nodejs24.x.
        id: 'AwsSolutions::AwsSolutions-L1',
        reason:
          'Lindung standardises on Node.js 24 (nodejs24.x, supported until 2028-04): the node@24 devDependency runs the local stack and the tests on the same major. ' +
          'A newer runtime moves with the node devDependency, engines and the esbuild target together.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The AWS managed basic execution role only allows writing to CloudWatch Logs, which every function needs.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) does not support resource-level permissions.',
      },
    );
  }
}
