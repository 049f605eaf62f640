import type { BillHeader, BillLine } from '../../shared/core/remittance/insurer-bill';
import { nikOf } from '../support/insurer-registrations';

/** `count` lines of January 2027 at Rp16,800 (BPU JKK + JKM at the lowest declared income). */
export function billLines(count: number, from = 1): BillLine[] {
  return Array.from({ length: count }, (_, i) => ({
    line: i + 1,
    kpj: String(10_000_000_000 + from + i),
    nik: nikOf(from + i),
    name: `Warga ${from + i}`,
    segment: 'KETUA_RT',
    month: '2027-01',
    amount: 16_800,
  }));
}

export function headerFor(lines: readonly BillLine[], overrides: Partial<BillHeader> = {}): BillHeader {
  return {
    kodeIuran: '12345678901',
    month: '2027-01',
    controlCount: lines.length,
    controlTotal: lines.reduce((sum, line) => sum + line.amount, 0),
    ...overrides,
  };
}
