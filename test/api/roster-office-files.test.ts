import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticRows } from '../../scripts/lib/synthetic-roster';
import { rosterTemplate } from '../../shared/documents/roster-file/roster-template';
import { api, tokenFor } from '../support/api';
import { importRoster, officeRosterXlsx, personRow, tangselNik, textRow } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

let admin: string;
const dir = mkdtempSync(path.join(os.tmpdir(), 'lindung-office-files-'));

async function regulation(id: string) {
  const document = tangselRegulation(id);
  const response = await api('PUT', `/regulations/${id}`, { token: admin, body: document });
  expect(response.status).toBe(200);
  return document;
}

beforeAll(async () => {
  admin = await tokenFor('admin', 'ani');
});

describe('rosters as offices keep them', () => {
  it('imports a 20,000-row workbook with a title block, a No. column, segments merged down their blocks and a JUMLAH row', async () => {
    const { id } = await regulation('perwal-office-title-block');
    // District 71 onwards (serials from 700,000): no other test's people.
    const people = [...syntheticRows({ segments: { KETUA_RT: 10_000, KADER_KESEHATAN: 10_000 }, regionCode: '3674', badShare: 0, seed: 1604, firstSerial: 700_000 })];
    const file = officeRosterXlsx(path.join(dir, 'daftar-nama.xlsx'), people.map((p) => p.cells));
    const status = await importRoster(id, file);
    expect(status).toMatchObject({ status: 'completed', processed: 20_000, accepted: 20_000, rejected: 0 });
    // Every row but the first of each block has its segment only through the merge.
    expect(status.segments.KETUA_RT?.accepted).toBe(10_000);
    expect(status.segments.KADER_KESEHATAN?.accepted).toBe(10_000);
  });

  it('imports its own template once filled in', async () => {
    const document = await regulation('perwal-office-template');
    const template = unzipSync(rosterTemplate(document));
    const siti = tangselNik('1980-01-10', 'P', 1601);
    const budi = tangselNik('1975-05-05', 'L', 1602);
    // Typed into the template's sheet as Excel keeps it: the NIK column is Text, so NIKs are strings.
    const rows = [
      textRow(2, personRow(siti, 'Siti Template', '1980-01-10', 'P', 'KETUA_RT')),
      textRow(3, personRow(budi, 'Budi Template', '1975-05-05', 'L', 'Kader Kesehatan')),
    ].join('');
    const sheet = strFromU8(template['xl/worksheets/sheet1.xml']!).replace('</sheetData>', `${rows}</sheetData>`);
    const file = path.join(dir, 'templat-terisi.xlsx');
    writeFileSync(file, zipSync({ ...template, 'xl/worksheets/sheet1.xml': strToU8(sheet) }));

    const status = await importRoster(document.id, file);
    expect(status).toMatchObject({ status: 'completed', processed: 2, accepted: 2, rejected: 0 });
    expect(Object.keys(status.segments).sort()).toEqual(['KADER_KESEHATAN', 'KETUA_RT']);
  });
});
