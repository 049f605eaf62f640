import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SimulationResult } from '../../shared/core/simulation/simulation-result';
import { comparisonRows, comparisonSheet, segmentFigures } from '../../web/src/simulation-figures';

/**
 * The Simulasi page's comparison (web/src/simulation-figures.ts): segments summed over cohorts,
 * a figure only one scenario has (a ceiling) left blank with no difference, and the sheet's
 * figures as numbers and rupiah cells.
 */

function useLanguage(language: 'id' | 'en'): void {
  const stored = new Map([['lindung.language', language]]);
  vi.stubGlobal('localStorage', { getItem: (key: string) => stored.get(key) ?? null });
}

const segment = (code: string, name: string, priority: number, headcount: number, amount: number) => ({ segment: code, name, priority, headcount, monthlyPremiums: [], months: 12, amount });
const cohort = (kind: 'original' | 'perubahan', startMonth: string, segments: ReturnType<typeof segment>[]) => ({
  cohort: kind,
  startMonth,
  segments,
  total: segments.reduce((n, s) => n + s.amount, 0),
  totalHeadcount: segments.reduce((n, s) => n + s.headcount, 0),
});

function result(overrides: Partial<SimulationResult> & Pick<SimulationResult, 'scenarioId' | 'name' | 'cohorts' | 'projection'>): SimulationResult {
  return {
    regulationId: 'perwal',
    year: 2027,
    basis: { regulationVersion: 1, rosterVersion: 1, rateScheduleVersion: 'v1' },
    total: overrides.cohorts.reduce((n, c) => n + c.total, 0),
    totalHeadcount: overrides.cohorts.reduce((n, c) => n + c.totalHeadcount, 0),
    months: [],
    movements: [],
    ...overrides,
  };
}

const year = (y: number, total: number) => ({ year: y, segments: [], months: 12, total, totalHeadcount: 0 });

const CAPPED = result({
  scenarioId: 'pagu',
  name: 'Pagu',
  cohorts: [cohort('original', '2027-01', [segment('KETUA_RT', 'Ketua RT', 1, 10, 2_016_000), segment('KADER', 'Kader', 2, 5, 1_008_000)])],
  ceiling: { ceiling: 2_500_000, segments: [], fundedHeadcount: 12, unfundedHeadcount: 3, amount: 2_419_200, unspent: 80_800 },
  projection: [year(2027, 3_024_000), year(2028, 3_100_000)],
});
const JULY = result({
  scenarioId: 'juli',
  name: 'Juli',
  cohorts: [
    cohort('original', '2027-01', [segment('KETUA_RT', 'Ketua RT', 1, 10, 2_016_000), segment('KADER', 'Kader', 2, 5, 1_008_000)]),
    cohort('perubahan', '2027-07', [segment('KETUA_RT', 'Ketua RT', 1, 4, 403_200), segment('KADER', 'Kader', 2, 0, 0)]),
  ],
  projection: [year(2027, 3_427_200)],
});

describe('the simulation comparison', () => {
  beforeEach(() => useLanguage('id'));

  it('sums each segment over the cohorts', () => {
    expect(segmentFigures(JULY)).toEqual([
      { segment: 'KETUA_RT', name: 'Ketua RT', priority: 1, headcount: 14, amount: 2_419_200 },
      { segment: 'KADER', name: 'Kader', priority: 2, headcount: 5, amount: 1_008_000 },
    ]);
  });

  it('writes the figures as numbers, each difference from the first, and blanks where a scenario has no such figure', () => {
    const sheet = comparisonSheet([CAPPED, JULY]);
    expect(sheet[0]).toEqual(['Uraian', 'Pagu', 'Juli', 'Selisih Juli']);
    const row = (label: string) => sheet.find((cells) => cells[0] === label);
    expect(row('Jumlah biaya')).toEqual(['Jumlah biaya', { rupiah: 3_024_000 }, { rupiah: 3_427_200 }, { rupiah: 403_200 }]);
    expect(row('Peserta')).toEqual(['Peserta', 15, 19, 4]);
    expect(row('Didanai dengan pagu (orang)')).toEqual(['Didanai dengan pagu (orang)', 12, '', '']);
    expect(row('Jumlah Ketua RT')).toEqual(['Jumlah Ketua RT', { rupiah: 2_016_000 }, { rupiah: 2_419_200 }, { rupiah: 403_200 }]);
    expect(row('Proyeksi 2028')).toEqual(['Proyeksi 2028', { rupiah: 3_100_000 }, '', '']);
  });

  it('names the rows in English with the toggle, segments by their names', () => {
    useLanguage('en');
    expect(comparisonRows([CAPPED, JULY]).map((r) => r.label)).toEqual([
      'Total cost',
      'People',
      'Funded under the ceiling (people)',
      'Not funded under the ceiling (people)',
      'Ketua RT: people',
      'Total Ketua RT',
      'Kader: people',
      'Total Kader',
      'Projection 2027',
      'Projection 2028',
    ]);
  });
});
