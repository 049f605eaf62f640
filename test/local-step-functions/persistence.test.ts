import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalLambdas } from '../../infra/local/local-lambdas';
import { LocalStepFunctions } from '../../infra/local/local-step-functions';
import type { LocalTemplate } from '../../infra/local/template';
import { gateEntries, openGate } from './fixtures/fixture-gates';
import { ShardWorkflowStack } from './fixtures/shard-workflow-stack';
import { eventually, SfnHarness, synthesize } from './sfn-harness';

let template: LocalTemplate;
let harness: SfnHarness;
let stateMachineArn: string;

beforeAll(async () => {
  template = synthesize((app) => new ShardWorkflowStack(app, 'ShardWorkflowPersist'));
  harness = await SfnHarness.start(template);
  stateMachineArn = harness.service.stateMachines()[0]!.arn;
});

afterAll(async () => {
  openGate('survivor');
  openGate('crashed');
  await harness?.close();
});

function input(runId: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ runId, regionCode: 'JB', memberCount: 20, shardSize: 10, ...extra });
}

describe('executions across a restart', () => {
  it('keeps finished executions and resumes a RUNNING one by re-running it', async () => {
    const done = await harness.client.send(new StartExecutionCommand({ stateMachineArn, name: 'finished', input: input('finished') }));
    const doneBefore = await harness.waitForEnd(done.executionArn!);
    expect(doneBefore.status).toBe('SUCCEEDED');

    const survivor = await harness.client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'survivor', input: input('survivor', { behaviours: { '1': 'wait' } }) }),
    );
    await eventually(() => gateEntries('survivor') === 1);

    await harness.restart();

    // The new service re-ran the execution from its start: its shard reached the gate again.
    await eventually(() => gateEntries('survivor') === 2);
    const resumed = await harness.client.send(new DescribeExecutionCommand({ executionArn: survivor.executionArn }));
    expect(resumed).toMatchObject({ status: 'RUNNING', redriveCount: 1 });
    const raw = await harness.service.handle('AWSStepFunctions.DescribeExecution', { executionArn: survivor.executionArn });
    expect(raw.body).toMatchObject({ resumedAfterRestart: 1 });

    openGate('survivor');
    const finished = await harness.waitForEnd(survivor.executionArn!);
    expect(finished.status).toBe('SUCCEEDED');
    expect(JSON.parse(finished.output!).results).toHaveLength(2);
    expect(finished.startDate).toEqual(resumed.startDate);

    const { events } = await harness.client.send(new GetExecutionHistoryCommand({ executionArn: survivor.executionArn, maxResults: 1000 }));
    const types: string[] = events!.map((e) => e.type!);
    expect(types.filter((t) => t === 'ExecutionStarted')).toHaveLength(1);
    expect(types).toContain('ExecutionResumed');
    expect(types.indexOf('ExecutionResumed')).toBeLessThan(types.lastIndexOf('TaskStateEntered'));
    expect(types.at(-1)).toBe('ExecutionSucceeded');

    // Finished executions are still there, as they were.
    const doneAfter = await harness.client.send(new DescribeExecutionCommand({ executionArn: done.executionArn }));
    expect(doneAfter).toMatchObject({ status: 'SUCCEEDED', output: doneBefore.output, redriveCount: 0 });
    expect(doneAfter.stopDate).toEqual(doneBefore.stopDate);
    const listed = await harness.client.send(new ListExecutionsCommand({ stateMachineArn }));
    expect(listed.executions!.map((e) => e.name)).toEqual(['survivor', 'finished']);

    // One record per execution, and no temporary file left behind by the atomic writes.
    await harness.service.idle();
    const machineDir = path.join(harness.dataDir, 'executions', stateMachineArn.split(':').at(-1)!);
    expect((await readdir(machineDir)).sort()).toEqual(['finished.json', 'survivor.json']);
  });

  it('resumes from the records as a crash leaves them (no stop)', async () => {
    const crashed = await harness.client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'crashed', input: input('crashed', { behaviours: { '0': 'wait' } }) }),
    );
    await eventually(() => gateEntries('crashed') === 1);

    // A copy of the data directory taken mid-run is what a killed process leaves on disk.
    const crashDir = await mkdtemp(path.join(tmpdir(), 'lindung-sfn-crash-'));
    await cp(harness.dataDir, crashDir, { recursive: true });
    const recovered = await LocalStepFunctions.start({ template, lambdas: new LocalLambdas(template, {}), dataDir: crashDir });
    try {
      await eventually(() => gateEntries('crashed') === 2);
      openGate('crashed');
      await recovered.idle();
      const described = await recovered.handle('AWSStepFunctions.DescribeExecution', { executionArn: crashed.executionArn });
      expect(described.body).toMatchObject({ status: 'SUCCEEDED', resumedAfterRestart: 1 });
    } finally {
      await recovered.stop();
      await rm(crashDir, { recursive: true, force: true });
    }
    expect((await harness.waitForEnd(crashed.executionArn!)).status).toBe('SUCCEEDED');
  });
});
