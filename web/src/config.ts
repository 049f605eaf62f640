import type { ConsoleConfig } from '../../infra/constructs/web-console';

/**
 * config.json beside the console: the API's URL and how to sign in. The CDK app writes it at
 * deployment (BucketDeployment), the local stack serves its own, so one bundle fits every stage.
 */
export type { ConsoleConfig };

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  return (await response.json()) as ConsoleConfig;
}
