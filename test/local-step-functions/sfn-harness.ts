import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeExecutionCommand, type DescribeExecutionCommandOutput, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { App, type Stack } from 'aws-cdk-lib';
import type { CloudFormationTemplate } from '../../infra/synthesize';
import { LocalAwsJsonEndpoint } from '../../infra/local/local-aws-json-endpoint';
import { LocalLambdas } from '../../infra/local/local-lambdas';
import { LocalStepFunctions } from '../../infra/local/local-step-functions';
import { LocalTemplate } from '../../infra/local/template';

/** Synthesizes a fixture stack as the local stack does (no bundling) and wraps its template. */
export function synthesize(build: (app: App) => Stack): LocalTemplate {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = build(app);
  return new LocalTemplate(app.synth().getStackByName(stack.stackName).template as CloudFormationTemplate);
}

/**
 * A LocalStepFunctions behind the local stack's AWS JSON endpoint, so that tests go through the
 * real @aws-sdk/client-sfn. `restart` swaps in a new service on the same data directory behind
 * the same endpoint.
 */
export class SfnHarness {
  readonly client: SFNClient;

  private constructor(
    private readonly template: LocalTemplate,
    private readonly lambdas: LocalLambdas,
    readonly dataDir: string,
    public service: LocalStepFunctions,
    private readonly server: Server,
  ) {
    const { port } = server.address() as AddressInfo;
    this.client = new SFNClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
  }

  static async start(template: LocalTemplate): Promise<SfnHarness> {
    const lambdas = new LocalLambdas(template, {});
    const dataDir = await mkdtemp(path.join(tmpdir(), 'lindung-sfn-'));
    const service = await LocalStepFunctions.start({ template, lambdas, dataDir });
    const holder: { harness?: SfnHarness } = {};
    // The endpoint asks the harness each time, so a restarted service answers on the same port.
    const endpoint = new LocalAwsJsonEndpoint({ service: { handle: (target, body) => holder.harness!.service.handle(target, body) } });
    const server = createServer(endpoint.listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.harness = new SfnHarness(template, lambdas, dataDir, service, server);
    return holder.harness;
  }

  /** Stops the service (its RUNNING executions stay RUNNING on disk) and starts a new one. */
  async restart(): Promise<void> {
    await this.service.stop();
    this.service = await LocalStepFunctions.start({ template: this.template, lambdas: this.lambdas, dataDir: this.dataDir });
  }

  /** Polls DescribeExecution until the execution is no longer RUNNING. */
  /** Starts the fixture workflow under `runId` (also passed in its input) and waits for the end. */
  async run(stateMachineArn: string, runId: string, input: Record<string, unknown>): Promise<DescribeExecutionCommandOutput> {
    const started = await this.client.send(new StartExecutionCommand({ stateMachineArn, name: runId, input: JSON.stringify({ runId, ...input }) }));
    return this.waitForEnd(started.executionArn!);
  }

  async waitForEnd(executionArn: string, timeoutMs = 20_000): Promise<DescribeExecutionCommandOutput> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const described = await this.client.send(new DescribeExecutionCommand({ executionArn }));
      if (described.status !== 'RUNNING') return described;
      if (Date.now() > deadline) throw new Error(`${executionArn} is still RUNNING after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
    await this.service.stop();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** Waits until `check` holds, polling. */
export async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
