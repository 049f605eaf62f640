import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { uploadRoster } from '../../cli/roster-upload';
import type { ImportStatus } from '../../shared/api/roster-schemas';
import { ROSTER_HEADER } from '../../scripts/lib/synthetic-roster';
import { tokenFor } from './api';

/** A roster CSV in a fresh temp folder, `;`-separated as Indonesian-locale Excel writes it. */
export function rosterCsv(rows: readonly (readonly string[])[], header: readonly string[] = ROSTER_HEADER): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-roster-')), 'roster.csv');
  writeFileSync(file, [header, ...rows].map((cells) => cells.join(';')).join('\r\n'));
  return file;
}

/** Imports a roster file through the API as `lindung roster import` does, as an admin. */
export async function importRoster(
  regulationId: string,
  file: string,
  options: { segment?: string; coverageStart?: string; resume?: string; updateIdentities?: boolean; region?: string } = {},
): Promise<ImportStatus> {
  const { region, ...upload } = options;
  return uploadRoster(
    { api: inject('apiUrl'), token: await tokenFor('admin', 'ani', region) },
    { regulationId, file, coverageStart: options.coverageStart ?? '2027-01-01', ...upload },
    { phase: () => ({ update: () => undefined, stop: () => undefined }) },
  );
}

/**
 * A valid NIK of Kota Tangerang Selatan for a birth date, gender and serial: 3674 + district 01
 * + DDMMYY (day + 40 for women) + serial.
 */
export function tangselNik(birthDate: string, gender: 'L' | 'P', serial: number): string {
  const [year, month, day] = birthDate.split('-') as [string, string, string];
  const dd = String(Number(day) + (gender === 'P' ? 40 : 0)).padStart(2, '0');
  return `367401${dd}${month}${year.slice(2)}${String(serial).padStart(4, '0')}`;
}

/** A roster row in the order of ROSTER_HEADER. */
export function personRow(nik: string, name: string, birthDate: string, gender: 'L' | 'P', segment: string): string[] {
  const [year, month, day] = birthDate.split('-');
  return [nik, name, `${day}/${month}/${year}`, gender, 'Jl. Merpati No. 1 RT 001 RW 002', 'Pondok Aren', 'Pondok Aren', '081234567890', segment];
}
