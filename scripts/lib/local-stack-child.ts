import { LocalStack } from '../../infra/local/local-stack';
import { synthesizeTemplate } from '../../infra/synthesize';

/**
 * The local stack as its own process (started by local-stack-process.ts), so a test or a bench
 * can kill it mid-run and start it again on the same data. Usage: local-stack-child.ts DATA_DIR
 * [PORT]; LINDUNG_STACK_ENV holds the handlers' extra environment as JSON. Prints one JSON line
 * with the API URL when ready.
 */
const [dataDir, port] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: local-stack-child.ts DATA_DIR [PORT]');
const stack = await LocalStack.start({
  template: synthesizeTemplate({ bundle: false }),
  dataDir,
  port: Number(port ?? 0),
  environment: JSON.parse(process.env.LINDUNG_STACK_ENV ?? '{}') as Record<string, string>,
});
process.stdout.write(`${JSON.stringify({ apiUrl: stack.apiUrl })}\n`);
process.on('SIGTERM', () => void stack.stop().then(() => process.exit(0)));
