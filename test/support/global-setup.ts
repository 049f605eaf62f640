import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { InsurerSimulator } from '../../infra/local/insurer-simulator';
import { LocalStack } from '../../infra/local/local-stack';
import { synthesizeTemplate } from '../../infra/synthesize';
import { moneyInvariantViolations } from './money-invariant';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    /** The local Step Functions API (its own loopback port; the API's port does not serve it). */
    stepFunctionsEndpoint: string;
    dataDir: string;
    dynamoDbEndpoint: string;
    insurerUrl: string;
  }
}

/**
 * Starts the synthesized Lindung stack once for the whole suite, exactly as `npm start` does
 * but with DynamoDB Local in memory, a free port and an insurer simulator without faults. API
 * tests talk to it over HTTP.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-test-'));
  const insurer = await InsurerSimulator.start();
  const stack = await LocalStack.start({
    template: synthesizeTemplate({ bundle: false }),
    dataDir,
    inMemory: true,
    environment: { POWERTOOLS_LOG_LEVEL: 'ERROR', ...insurer.lindungEnvironment() },
  });
  project.provide('apiUrl', stack.apiUrl);
  project.provide('stepFunctionsEndpoint', stack.stepFunctionsEndpoint);
  project.provide('dataDir', dataDir);
  project.provide('dynamoDbEndpoint', stack.dynamoDbEndpoint);
  project.provide('insurerUrl', insurer.url);
  return async () => {
    try {
      // After every flow of the suite has run against this stack: the money invariant holds for all of them.
      // Vitest reports an error thrown here but does not fail the run for it, so the exit code is set too.
      const violations = await moneyInvariantViolations(stack.apiUrl, dataDir);
      if (violations.length > 0) {
        process.exitCode = 1;
        throw new Error(`Money invariant broken: committed ≠ approved for finished runs without failures:\n${violations.join('\n')}`);
      }
    } finally {
      await Promise.all([stack.stop(), insurer.stop()]);
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}
