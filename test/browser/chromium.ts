import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * The browser tests drive Debian's `chromium` package with playwright-core: no browser build is
 * downloaded (none can be fetched here). LINDUNG_CHROMIUM names another executable. Without a
 * browser the tests fail with what to install; they never pass by skipping.
 */
export const INSTALL_HINT = "install Debian's chromium package: apt-get install -y chromium";

export function findChromium(): string {
  const named = process.env.LINDUNG_CHROMIUM;
  if (named) {
    if (!existsSync(named)) throw new Error(`LINDUNG_CHROMIUM=${named} does not exist; unset it or ${INSTALL_HINT}`);
    return named;
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(candidate)) return candidate;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // Not on PATH: try the next name.
    }
  }
  throw new Error(`No Chromium found for the browser tests: ${INSTALL_HINT}`);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    // As root in a container there is no user namespace for Chromium's sandbox.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}
