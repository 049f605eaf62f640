import { findChromium, INSTALL_HINT, launchChromium } from './chromium';
import { CliError } from './cli-config';

/**
 * Prints the budget document's HTML to a PDF on A4, as BPKAD files it: Chromium lays the page out
 * exactly as a browser prints it, with the page size and margins of the document's own @page
 * rule, and its colours (the warning boxes, the table headers).
 */
export async function printBudgetPdf(html: string, output: string): Promise<void> {
  const found = findChromium();
  if ('problem' in found) throw new CliError(`Cannot print ${output}: ${found.problem}; ${INSTALL_HINT}, or write .html and print that from a browser.`);
  const browser = await launchChromium(found.path).catch((error: Error) => {
    throw new CliError(`Cannot print ${output}: Chromium (${found.path}) did not start: ${error.message.split('\n')[0]}`);
  });
  try {
    const page = await browser.newPage();
    // The page is self-contained (inline CSS, nothing loaded), so it is ready once set.
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({ path: output, format: 'A4', preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}
