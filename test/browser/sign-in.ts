import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';

/** A fresh browser context (its own session storage) signed in through the console's local sign-in page. */
export async function signedInPage(browser: Browser, username: string, role: 'admin' | 'finance' | 'auditor'): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'id-ID' })).newPage();
  await page.goto(`${inject('apiUrl')}/console/`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Peran').selectOption(role);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('navigation', { name: 'Menu utama' }).waitFor();
  return page;
}
