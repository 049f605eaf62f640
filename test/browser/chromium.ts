import type { Browser } from 'playwright-core';
import { findChromium, INSTALL_HINT, launchChromium as launch } from '../../cli/chromium';

/**
 * The browser tests use the CLI's Chromium (cli/chromium.ts). Without a browser they fail with
 * what to install; they never pass by skipping.
 */
export async function launchChromium(): Promise<Browser> {
  const found = findChromium();
  if ('problem' in found) throw new Error(`No Chromium for the browser tests: ${found.problem}; ${INSTALL_HINT}`);
  return launch(found.path);
}
