import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ImportStatus } from '../../shared/api/roster-schemas';
import { fieldOfHeader } from '../../shared/documents/roster-file/roster-columns';
import { readSpreadsheet } from '../../shared/documents/spreadsheets/read-spreadsheet';
import { api, tokenFor } from '../support/api';
import { OFFICE_HEADER_ROW, officeRosterXlsx, personRow, rosterCsv, tangselNik, textRow } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';
import { launchChromium } from './chromium';
import { signedInPage } from './sign-in';

/**
 * An admin uploads roster files from the console's roster page, in Chromium against the suite's
 * local stack: the file is checked in the browser, sent through the chunked routes and followed
 * until its import has finished. What was stored is read back from the API.
 */

const REGULATION_ID = 'perwal-tangsel-upload';
const PEOPLE = 20_000;
/** This file's own district of Tangsel: its people are on no other test's roster (a person is on one a year). */
const DISTRICT = '62';
/** Rows left without a name: the import rejects them, and accepts the rest. */
const NAMELESS = [17, 4_321, 19_999];

let browser: Browser;
let admin: string;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'lindung-upload-'));

beforeAll(async () => {
  admin = await tokenFor('admin', 'ani');
  expect((await api('PUT', `/regulations/${REGULATION_ID}`, { token: admin, body: tangselRegulation(REGULATION_ID) })).status).toBe(200);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function rosterPage(): Promise<Page> {
  const page = await signedInPage(browser, 'ani', 'admin');
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${inject('apiUrl')}/console/#/impor?regulation=${REGULATION_ID}`);
  await page.getByRole('heading', { name: 'Unggah roster' }).waitFor();
  return page;
}

/** Picks the file and starts the upload from the form; returns the import it ends with, read from the API. */
async function uploadThroughConsole(page: Page, file: string, timeout = 60_000): Promise<ImportStatus> {
  await page.getByLabel('Berkas roster (.xlsx atau .csv)').setInputFiles(file);
  await page.getByLabel('Mulai cakupan').fill('2027-01-01');
  await page.getByRole('button', { name: 'Periksa dan unggah' }).click();
  const link = page.getByRole('link', { name: /^Lihat status impor / });
  const alert = page.getByRole('alert');
  await link.or(alert).first().waitFor({ timeout });
  if (await alert.count()) throw new Error(`The console refused the upload: ${await alert.innerText()}`);
  const importId = new URLSearchParams((await link.getAttribute('href'))!.split('?')[1]).get('import')!;
  return (await api('GET', `/imports/${importId}`, { token: admin })).body as ImportStatus;
}

async function importCount(): Promise<number> {
  return ((await api('GET', `/regulations/${REGULATION_ID}/imports`, { token: admin })).body.imports as unknown[]).length;
}

describe('roster upload from the console', () => {
  it(`uploads a ${PEOPLE.toLocaleString('en')}-row office workbook with a title block and merged segment cells`, async () => {
    const segments = ['KETUA_RT', 'KETUA_RW', 'KADER_KESEHATAN'];
    const people = Array.from({ length: PEOPLE }, (_, i) => {
      const birthDate = `19${70 + (i % 25)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const gender = i % 2 ? 'P' : 'L';
      const name = NAMELESS.includes(i) ? '' : `Warga Nomor ${i}`;
      // NIKs differ by birth date and gender within 2,100 people, by serial across them.
      return personRow(tangselNik(birthDate, gender, 1 + Math.floor(i / 2_100), DISTRICT), name, birthDate, gender, segments[Math.floor((i * segments.length) / PEOPLE)]!);
    });
    const file = officeRosterXlsx(path.join(scratch, 'DAFTAR KETUA RT 2027.xlsx'), people);

    const page = await rosterPage();
    const status = await uploadThroughConsole(page, file, 180_000);
    // The header found below the title block, as the page showed it while checking.
    expect(await page.getByTestId('upload-header-row').innerText()).toMatch(new RegExp(`^Baris judul kolom: baris ${OFFICE_HEADER_ROW}\\nJudul di atasnya: DAFTAR NAMA KETUA RT`));
    expect(await page.getByRole('progressbar', { name: 'Kemajuan unggah' }).getAttribute('value')).toBe(String(PEOPLE));
    expect(status).toMatchObject({ status: 'completed', fileName: 'DAFTAR KETUA RT 2027.xlsx', rowsExpected: PEOPLE, processed: PEOPLE, accepted: PEOPLE - NAMELESS.length, rejected: NAMELESS.length });
    // Each merged segment cell reached every row of its run.
    expect(Object.values(status.segments).reduce((sum, counts) => sum + counts.accepted, 0)).toBe(PEOPLE - NAMELESS.length);
    expect(Object.keys(status.segments).sort()).toEqual([...segments].sort());
    // Rejected rows are named by the row the office sees: the header on row 4, people from row 5.
    const rejections = (await api('GET', `/imports/${status.importId}/rejections?kind=rejected`, { token: admin })).body;
    expect(rejections.rows.map((row: { row: number }) => row.row).sort((a: number, b: number) => a - b)).toEqual(NAMELESS.map((i) => OFFICE_HEADER_ROW + 1 + i));
    await page.context().close();
  }, 300_000);

  it('round-trips the template: downloaded from the console, filled in, uploaded, accepted', async () => {
    const page = await rosterPage();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh templat' }).click()]);
    const template = (await download.path())!;

    // The office fills three rows under the template's header, in the template's column order.
    const header: string[] = [];
    for await (const row of readSpreadsheet(template)) {
      header.push(...row.cells.map((cell) => cell.text));
      break;
    }
    const people = [
      { nik: tangselNik('1981-04-03', 'L', 501, DISTRICT), name: 'Joko Susilo', birthDate: '03/04/1981', gender: 'L', segment: 'KETUA_RT' },
      { nik: tangselNik('1985-11-20', 'P', 502, DISTRICT), name: 'Rina Marlina', birthDate: '20/11/1985', gender: 'P', segment: 'KADER_KESEHATAN' },
      { nik: tangselNik('1979-07-09', 'L', 503, DISTRICT), name: 'Ahmad Fauzi', birthDate: '09/07/1979', gender: 'L', segment: 'KETUA_RW' },
    ];
    const values = (person: (typeof people)[number]) => header.map((title) => (person as Record<string, string>)[fieldOfHeader(title) ?? ''] ?? '');
    expect(values(people[0]!).filter(Boolean)).toHaveLength(5);
    const parts = unzipSync(new Uint8Array(readFileSync(template)));
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('</sheetData>');
    parts['xl/worksheets/sheet1.xml'] = strToU8(sheet.replace('</sheetData>', `${people.map((person, i) => textRow(i + 2, values(person))).join('')}</sheetData>`));
    const filled = path.join(scratch, 'templat-terisi.xlsx');
    writeFileSync(filled, zipSync(parts));

    const status = await uploadThroughConsole(page, filled);
    expect(await page.getByTestId('upload-header-row').innerText()).toBe('Baris judul kolom: baris 1');
    expect(status).toMatchObject({ status: 'completed', processed: 3, accepted: 3, rejected: 0 });
    await page.context().close();
  });

  it('uploads a CSV, read in the browser by csv-parse', async () => {
    const file = rosterCsv([
      personRow(tangselNik('1970-02-14', 'P', 601, DISTRICT), 'Dewi Lestari', '1970-02-14', 'P', 'KETUA_RT'),
      personRow(tangselNik('1972-12-01', 'L', 602, DISTRICT), 'Budi Santoso', '1972-12-01', 'L', 'KETUA_RW'),
    ]);
    const page = await rosterPage();
    const status = await uploadThroughConsole(page, file);
    expect(status).toMatchObject({ status: 'completed', accepted: 2, rejected: 0 });
    await page.context().close();
  });

  it('refuses a file that is no roster before storing anything, saying what to do', async () => {
    const before = await importCount();
    const pdf = path.join(scratch, 'roster.pdf');
    writeFileSync(pdf, '%PDF-1.4\n%âãÏÓ\n1 0 obj\n');
    const page = await rosterPage();
    await page.getByLabel('Berkas roster (.xlsx atau .csv)').setInputFiles(pdf);
    await page.getByLabel('Mulai cakupan').fill('2027-01-01');
    await page.getByRole('button', { name: 'Periksa dan unggah' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/Berkas ini bukan lembar kerja roster\. Simpan roster sebagai Excel Workbook \(\.xlsx\) atau CSV UTF-8 \(\.csv\), lalu unggah lagi\.[\s\S]*This file is a PDF document/);

    // A CSV without a header row: the check stops reading at row 15 and says so.
    const headless = rosterCsv(Array.from({ length: 30 }, (_, i) => personRow(tangselNik('1975-03-03', 'L', 700 + i, DISTRICT), 'Tanpa Judul', '1975-03-03', 'L', 'KETUA_RT')), []);
    await page.getByLabel('Berkas roster (.xlsx atau .csv)').setInputFiles(headless);
    await page.getByRole('button', { name: 'Periksa dan unggah' }).click();
    await page.getByText('Baris judul kolom tidak ditemukan atau tidak lengkap.', { exact: false }).waitFor();
    expect(await alert.innerText()).toContain('15 baris pertama');

    // A CSV saved in a local encoding, not UTF-8: the row with the first such character is named.
    const latin1 = path.join(scratch, 'latin1.csv');
    writeFileSync(latin1, Buffer.from(`NIK;Nama;Segmen\r\n${tangselNik('1975-03-03', 'L', 801, DISTRICT)};Jos\xe9;KETUA_RT\r\n`, 'latin1'));
    await page.getByLabel('Berkas roster (.xlsx atau .csv)').setInputFiles(latin1);
    await page.getByRole('button', { name: 'Periksa dan unggah' }).click();
    await page.getByText('Berkas CSV tidak disimpan sebagai UTF-8.', { exact: false }).waitFor();
    expect(await alert.innerText()).toContain('Row 2 contains characters that are not UTF-8');
    expect(await importCount()).toBe(before);
    await page.context().close();
  });
});
