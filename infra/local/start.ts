import path from 'node:path';
import { REPO_ROOT } from '../constructs/handler-function';
import { synthesizeTemplate } from '../synthesize';
import { InsurerSimulator, parseInsurerFaults } from './insurer-simulator';
import { CONSOLE_PATH } from './local-console';
import { LocalStack } from './local-stack';
import { LocalStackUnsupportedError } from './unsupported-error';
import { now } from '../../shared/core/clock';

/**
 * `npm start`: synthesizes the same template `cdk deploy` uses and runs it on this machine.
 * LINDUNG_DATA_DIR (default `.lindung/`) keeps the data between runs; LINDUNG_PORT (default
 * 4010) is the API's port. The insurer simulator listens on LINDUNG_INSURER_PORT (default 4020)
 * with fault rates from LINDUNG_INSURER_FAULTS (e.g. `429=0.05,500=0.02,timeout=0.01`; none by default).
 * LINDUNG_CLOCK (e.g. `2027-08-01`) sets the business clock at start (docs/renewal.md).
 */

const DEFAULT_PORT = 4010;

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.LINDUNG_DATA_DIR ?? path.join(REPO_ROOT, '.lindung'));
  const port = Number(process.env.LINDUNG_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`LINDUNG_PORT=${process.env.LINDUNG_PORT} is not a port number.`);
  }

  const insurerPort = Number(process.env.LINDUNG_INSURER_PORT ?? 4020);
  let insurerFaults = {};
  try {
    insurerFaults = parseInsurerFaults(process.env.LINDUNG_INSURER_FAULTS);
  } catch (error) {
    fail((error as Error).message);
  }

  process.stdout.write('Synthesizing the CDK app...\n');
  const template = synthesizeTemplate({ bundle: false });
  // The insurer is another organisation's system: it comes up first and outlives Lindung's restarts.
  const insurer = await InsurerSimulator.start({ port: insurerPort, dataDir, faults: insurerFaults }).catch((error: unknown) =>
    fail(`The insurer simulator could not start on port ${insurerPort} (LINDUNG_INSURER_PORT): ${describe(error)}`),
  );
  process.stdout.write('Starting DynamoDB Local, the functions and the API...\n');
  let stack: LocalStack;
  try {
    stack = await LocalStack.start({
      template,
      dataDir,
      port,
      log: true,
      environment: insurer.lindungEnvironment(),
      ...(process.env.LINDUNG_CLOCK ? { clock: process.env.LINDUNG_CLOCK } : {}),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      fail(
        `Port ${port} is in use (is another \`npm start\` running?). ` +
          `Pick another with LINDUNG_PORT, e.g. \`LINDUNG_PORT=${port + 1} npm start\`.`,
      );
    }
    await insurer.stop();
    if (error instanceof LocalStackUnsupportedError) fail(error.message);
    throw error;
  }

  process.stdout.write(
    [
      '',
      'Lindung is running locally.',
      `  API       ${stack.apiUrl}`,
      `  Console   ${stack.apiUrl}${CONSOLE_PATH} (sign in with any user name and a role)`,
      `  OpenAPI   ${stack.apiUrl}/openapi.json`,
      `  Workflows ${stack.stepFunctionsEndpoint} (the Step Functions API, for the SDK and AWS CLI; this machine only)`,
      `  Insurer   ${insurer.url} (simulator; faults: ${process.env.LINDUNG_INSURER_FAULTS || 'none'})`,
      `  Clock     ${now().toISOString()} (move it with \`npx lindung clock set YYYY-MM-DD\` or LINDUNG_CLOCK)`,
      `  Data      ${dataDir}`,
      '',
      'Get a token for the CLI (it is saved for later commands):',
      '  npx lindung login --as admin --user ani',
      '  npx lindung login --as finance --user siti',
      '',
      'Stop with Ctrl+C.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl+C while stopping: give up waiting.
      process.exit(130);
    }
    stopping = true;
    process.stdout.write(`\n${signal}: stopping...\n`);
    Promise.all([stack.stop(), insurer.stop()]).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Stopping failed: ${describe(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // In Lambda a handler's stray rejected promise fails that invocation; here it must not end
  // the whole local stack.
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`Unhandled promise rejection (Lambda would fail the invocation): ${describe(reason)}\n`);
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`${describe(error)}\n`);
  process.exit(1);
});
