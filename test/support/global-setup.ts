import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { LocalStack } from '../../infra/local/local-stack';
import { synthesizeTemplate } from '../../infra/synthesize';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    dataDir: string;
    dynamoDbEndpoint: string;
  }
}

/**
 * Starts the synthesized Lindung stack once for the whole suite, exactly as `npm start` does
 * but with DynamoDB Local in memory and a free port. API tests talk to it over HTTP.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-test-'));
  const stack = await LocalStack.start({
    template: synthesizeTemplate({ bundle: false }),
    dataDir,
    inMemory: true,
    environment: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
  });
  project.provide('apiUrl', stack.apiUrl);
  project.provide('dataDir', dataDir);
  project.provide('dynamoDbEndpoint', stack.dynamoDbEndpoint);
  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
