import type { ConsoleConfig } from '../../shared/api/console-config';

export type { ConsoleConfig };

/** Reads config.json beside the console (shared/api/console-config.ts says who writes it). */
export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  return (await response.json()) as ConsoleConfig;
}
