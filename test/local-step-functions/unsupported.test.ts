import { tmpdir } from 'node:os';
import path from 'node:path';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { LocalLambdas } from '../../infra/local/local-lambdas';
import { LocalStepFunctions } from '../../infra/local/local-step-functions';
import { LocalStackUnsupportedError } from '../../infra/local/unsupported-error';
import { ShardWorkflowStack } from './fixtures/shard-workflow-stack';
import { type UnsupportedKind, UnsupportedWorkflowStack } from './fixtures/unsupported-stacks';
import { SfnHarness, synthesize } from './sfn-harness';

async function startWith(kind: UnsupportedKind): Promise<unknown> {
  const template = synthesize((app) => new UnsupportedWorkflowStack(app, `Unsupported-${kind}`, kind));
  return LocalStepFunctions.start({
    template,
    lambdas: new LocalLambdas(template, {}),
    dataDir: path.join(tmpdir(), 'lindung-sfn-never-written'),
  }).catch((error: unknown) => error);
}

describe('what the local stack refuses to run', () => {
  it('a task that integrates another service than Lambda, naming the state machine and state', async () => {
    const error = await startWith('dynamodb-task');
    expect(error).toBeInstanceOf(LocalStackUnsupportedError);
    expect((error as Error).message).toMatch(/state "RecordRun" of state machine RecordingWorkflow[0-9A-F]{8}/);
    expect((error as Error).message).toContain('arn:aws:states:::dynamodb:putItem');
  });

  it('a task that waits for a task token', async () => {
    const error = await startWith('task-token');
    expect(error).toBeInstanceOf(LocalStackUnsupportedError);
    expect((error as Error).message).toMatch(/state "AwaitApproval" of state machine ApprovalWorkflow/);
    expect((error as Error).message).toContain('waitForTaskToken');
  });

  it('an Express workflow', async () => {
    const error = await startWith('express');
    expect(error).toBeInstanceOf(LocalStackUnsupportedError);
    expect((error as Error).message).toMatch(/state machine ExpressWorkflow[0-9A-F]{8}: its type EXPRESS/);
  });
});

describe('a Distributed Map', () => {
  it('runs inline, with the same Retry and Catch behaviour', async () => {
    const harness = await SfnHarness.start(synthesize((app) => new ShardWorkflowStack(app, 'ShardWorkflowDistributed', { distributedMap: true })));
    try {
      const stateMachineArn = harness.service.stateMachines()[0]!.arn;
      const started = await harness.client.send(
        new StartExecutionCommand({
          stateMachineArn,
          input: JSON.stringify({ runId: 'distributed', regionCode: 'JB', memberCount: 30, shardSize: 10, behaviours: { '1': 'flaky', '2': 'corrupt' } }),
        }),
      );
      const described = await harness.waitForEnd(started.executionArn!);
      expect(described.status).toBe('SUCCEEDED');
      expect(JSON.parse(described.output!).results.map((r: { status: string; attempt?: number }) => [r.status, r.attempt])).toEqual([
        ['done', 1],
        ['done', 2],
        ['failed', undefined],
      ]);
    } finally {
      await harness.close();
    }
  });
});
