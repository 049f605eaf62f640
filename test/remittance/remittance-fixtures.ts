import type { BillLine } from '../../shared/core/remittance/insurer-bill';
import type { PremiumOf } from '../../shared/core/remittance/month-cover';
import type { CoveredEntry } from '../../shared/core/renewal/cover-ledger';

/**
 * People and bill lines for the remittance tests. NIKs are of Kota Balikpapan (6471), which no
 * other test of the suite uses, so they never meet another test's people in the shared tables.
 */

/** A structurally valid NIK: 6471 + district + DDMMYY (day + 40 for women) + serial. */
export function balikpapanNik(serial: number, district = 7): string {
  const day = 1 + (serial % 28);
  const month = 1 + (serial % 12);
  const year = 60 + (serial % 40);
  const dd = String(day + (serial % 2 === 0 ? 40 : 0)).padStart(2, '0');
  return `6471${String(district).padStart(2, '0')}${dd}${String(month).padStart(2, '0')}${String(year).padStart(2, '0')}${String(serial).padStart(4, '0')}`;
}

export const yearOfPremiums = (year: number, premium: number) =>
  Array.from({ length: 12 }, (_, i) => ({ month: `${year}-${String(i + 1).padStart(2, '0')}`, premium }));

/** An enrolled person covered for the whole of `year`, unless told otherwise. */
export function coveredEntry(nik: string, overrides: Partial<CoveredEntry> = {}): CoveredEntry {
  const year = overrides.year ?? 2027;
  return {
    nik,
    year,
    regulationId: 'remit-unit',
    proposalId: 'bp-2027-remitunit1',
    runId: 'run-remit-unit',
    attempt: 1,
    segment: 'KETUA_RT',
    name: `Warga ${nik.slice(-4)}`,
    programs: ['JKK', 'JKM'],
    status: 'enrolled',
    kpj: `KPJ${nik.slice(-8)}`,
    coverageStart: `${year}-01-01`,
    coverageEnd: `${year}-12-31`,
    amount: 12 * 16_800,
    updatedAt: `${year - 1}-12-01T00:00:00.000Z`,
    ...overrides,
  };
}

/** A premium table by segment, the same every month of 2027 (what a proposal bought). */
export function premiumTable(bySegment: Record<string, number>): PremiumOf {
  return (entry, month) => (month.startsWith(`${entry.year}-`) ? bySegment[entry.segment] : undefined);
}

export function billLine(line: number, nik: string, amount: number, overrides: Partial<BillLine> = {}): BillLine {
  return { line, nik, name: `Warga ${nik.slice(-4)}`, segment: 'BPU', month: '2027-01', amount, kpj: `KPJ${nik.slice(-8)}`, ...overrides };
}

/** No run of 16 digits: what leaves the system shows a NIK masked. */
export const UNMASKED_NIK = /\d{16}/;
