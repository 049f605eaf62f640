import { createWriteStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsvWriter } from '../../shared/documents/spreadsheets/csv-writer';
import { readSpreadsheet } from '../../shared/documents/spreadsheets/read-spreadsheet';
import type { RowWriter } from '../../shared/documents/spreadsheets/row-writer';
import { XlsxWriter } from '../../shared/documents/spreadsheets/xlsx-writer';
import { heapUsed, scratchDir } from './helpers';

const file = scratchDir();
const ROWS = 200_000;
const SAMPLE_EVERY = 20_000;
/** Holding the rows would take well over 100 MB; streaming should hold next to nothing. */
const MAX_GROWTH = 4 * 1024 * 1024;

describe('memory stays flat however many rows', () => {
  it(`reading a ${ROWS.toLocaleString('en')}-row CSV`, async () => {
    const path = file('large.csv');
    await writeRoster(new CsvWriter(createWriteStream(path)));
    expect(await peakHeapGrowthWhileReading(path)).toBeLessThan(MAX_GROWTH);
  });

  it(`writing and then reading a ${ROWS.toLocaleString('en')}-row XLSX`, async () => {
    const path = file('large.xlsx');
    expect(await writeRoster(new XlsxWriter(createWriteStream(path), 'Peserta'))).toBeLessThan(MAX_GROWTH);
    expect(await peakHeapGrowthWhileReading(path)).toBeLessThan(MAX_GROWTH);
  });
});

/** Writes ROWS distinct roster rows; returns the peak heap growth seen while writing. */
async function writeRoster(writer: RowWriter): Promise<number> {
  await writer.writeRow(['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin', 'Alamat', 'Kelurahan', 'Kecamatan', 'No HP']);
  const baseline = heapUsed();
  let peak = 0;
  for (let i = 1; i <= ROWS; i++) {
    await writer.writeRow([
      `3674${String(i).padStart(12, '0')}`,
      `Warga Nomor ${i}`,
      `19${String(50 + (i % 50))}-0${1 + (i % 9)}-1${i % 10}`,
      i % 2 ? 'L' : 'P',
      `Jl. Mawar No. ${i % 1000}, RT 0${i % 10}/RW 0${i % 7}`,
      `Kelurahan ${i % 300}`,
      `Kecamatan ${i % 30}`,
      `+62812${String(i).padStart(7, '0')}`,
    ]);
    if (i % SAMPLE_EVERY === 0) peak = Math.max(peak, heapUsed() - baseline);
  }
  await writer.close();
  return peak;
}

/** Reads every row (checking they all arrive) and returns the peak heap growth seen meanwhile. */
async function peakHeapGrowthWhileReading(path: string): Promise<number> {
  const rows = readSpreadsheet(path);
  const header = await rows.next(); // opened, file type checked, shared strings loaded
  expect(header.value?.rowNumber).toBe(1);
  const baseline = heapUsed();
  let peak = 0;
  let count = 0;
  for await (const row of rows) {
    count++;
    if (count % SAMPLE_EVERY === 0) {
      expect(row.rowNumber).toBe(count + 1);
      peak = Math.max(peak, heapUsed() - baseline);
    }
  }
  expect(count).toBe(ROWS);
  return peak;
}
