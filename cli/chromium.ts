import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/**
 * Lindung drives Debian's `chromium` package with playwright-core, for the budget document's PDF
 * and for the browser tests: no browser build is downloaded. LINDUNG_CHROMIUM names another
 * executable.
 */
export const INSTALL_HINT = "install Debian's chromium package (apt-get install -y chromium) or set LINDUNG_CHROMIUM to a Chromium executable";

/** The Chromium executable, or undefined when there is none; `problem` says why. */
export function findChromium(): { path: string } | { problem: string } {
  const named = process.env.LINDUNG_CHROMIUM;
  if (named) return existsSync(named) ? { path: named } : { problem: `LINDUNG_CHROMIUM=${named} does not exist` };
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(candidate)) return { path: candidate };
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return { path: found };
    } catch {
      // Not on PATH: try the next name.
    }
  }
  return { problem: 'no Chromium is installed' };
}

/**
 * Starts headless Chromium. playwright-core is loaded only here, so commands that print no PDF
 * do not pay for it.
 */
export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    // As root in a container there is no user namespace for Chromium's sandbox.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}
