import { describe, expect, it } from 'vitest';
import { SegmentPremium } from '../../shared/api/schemas';
import scheduleFile from '../../shared/core/money/rates/rate-schedule.json';
import { InvalidInputError } from '../../shared/core/errors';
import { monthlyPremium } from '../../shared/core/money/rates/monthly-premium';
import { loadRateSchedule, parseRateSchedule } from '../../shared/core/money/rates/rate-schedule';
import { type JkkRiskGroup, type Payer, type Program, Segment } from '../../shared/core/regulation/regulation';

const schedule = loadRateSchedule();

function bpuSegment(declaredIncome = 1_000_000, sector?: string): Segment {
  return Segment.parse({
    code: 'OJOL',
    name: 'Pengemudi ojek',
    category: 'BPU',
    premiumBasis: { type: 'declared-income', declaredIncome },
    eligibility: { minAge: 18, maxAge: 65 },
    targetHeadcount: 100,
    priority: 1,
    ...(sector ? { sector } : {}),
  });
}

function puSegment(monthlyWage: number, jkkRiskGroup: JkkRiskGroup): Segment {
  return Segment.parse({
    code: 'TKK',
    name: 'Tenaga kerja kontrak',
    category: 'PU',
    premiumBasis: { type: 'wage', monthlyWage, jkkRiskGroup },
    eligibility: { minAge: 18, maxAge: 58 },
    targetHeadcount: 10_705,
    priority: 1,
  });
}

function premium(segment: Segment, month: string, programs: Program[] = ['JKK', 'JKM'], payer: Payer = 'APBD') {
  const result = monthlyPremium({ regulation: { programs, payer }, segment, month, schedule });
  // Every result must fit the API's response shape.
  return SegmentPremium.parse(result);
}

function thrown(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidInputError;
  }
  throw new Error('expected an InvalidInputError, nothing was thrown');
}

describe('BPU premiums', () => {
  it('prices the minimum package at Rp16,800: JKK 1% of Rp1,000,000 plus JKM Rp6,800 flat', () => {
    expect(premium(bpuSegment(), '2025-01')).toEqual({
      segment: 'OJOL',
      monthlyPremium: 16_800,
      lines: [
        { program: 'JKK', base: 1_000_000, rate: '1% of income', amount: 10_000 },
        { program: 'JKM', base: 1_000_000, rate: 'Rp6.800 flat', amount: 6_800 },
      ],
    });
  });

  it('adds JHT at 2% of declared income for Rp36,800', () => {
    const result = premium(bpuSegment(), '2025-01', ['JKK', 'JKM', 'JHT']);
    expect(result.lines[2]).toEqual({ program: 'JHT', base: 1_000_000, rate: '2% of income', amount: 20_000 });
    expect(result.monthlyPremium).toBe(36_800);
  });

  it('budgets Kota Tangerang Selatan: 12,928 people × Rp16,800 × 12 months = Rp2,606,284,800', () => {
    const perPerson = premium(bpuSegment(), '2025-01').monthlyPremium;
    expect(12_928 * perPerson * 12).toBe(2_606_284_800);
  });

  it('uses a higher declared income as the base and rounds half up', () => {
    // 1% of Rp1,000,050 is Rp10,000.50, which rounds up to Rp10,001.
    const result = premium(bpuSegment(1_000_050), '2025-01');
    expect(result.lines.map((l) => l.amount)).toEqual([10_001, 6_800]);
    expect(result.monthlyPremium).toBe(16_801);
  });

  it('accepts the top of the declared-income range and rejects anything above it', () => {
    expect(premium(bpuSegment(20_700_000), '2025-01').lines[0]?.amount).toBe(207_000);
    const error = thrown(() => premium(bpuSegment(20_700_001), '2025-01'));
    expect(error.message).toMatch(/declared income Rp20\.700\.001 is outside Rp1\.000\.000\.\.Rp20\.700\.000/);
    expect(error.issues).toEqual([expect.objectContaining({ path: 'segments.OJOL.premiumBasis.declaredIncome' })]);
  });

  it('rejects a declared income below the minimum when the segment skipped its own validation', () => {
    const segment = { ...bpuSegment(), premiumBasis: { type: 'declared-income' as const, declaredIncome: 999_999 } };
    expect(() => premium(segment, '2025-01')).toThrow(/Rp999\.999 is outside/);
  });
});

describe('PU premiums', () => {
  // Kota Bekasi UMK 2023.
  const wage = 4_901_117;

  // Worked by hand: wage × bp / 10,000, then half up.
  it.each([
    ['very-low', '0.24%', 11_763], //  117,626,808 / 10,000 = 11,762.6808
    ['low', '0.54%', 26_466], //       264,660,318 / 10,000 = 26,466.0318
    ['medium', '0.89%', 43_620], //    436,199,413 / 10,000 = 43,619.9413
    ['high', '1.27%', 62_244], //      622,441,859 / 10,000 = 62,244.1859
    ['very-high', '1.74%', 85_279], // 852,794,358 / 10,000 = 85,279.4358
  ] as const)('JKK for risk group %s is %s of wage = Rp%i', (riskGroup, rate, jkk) => {
    const jkm = 14_703; // 147,033,510 / 10,000 = 14,703.3510
    expect(premium(puSegment(wage, riskGroup), '2023-06')).toEqual({
      segment: 'TKK',
      monthlyPremium: jkk + jkm,
      lines: [
        { program: 'JKK', base: wage, rate: `${rate} of wage`, amount: jkk },
        { program: 'JKM', base: wage, rate: '0.3% of wage', amount: jkm },
      ],
    });
  });

  it('adds JHT at 5.7% of wage', () => {
    // 4,901,117 × 570 = 2,793,636,690 → 279,363.669 → 279,364
    const result = premium(puSegment(wage, 'low'), '2023-06', ['JKK', 'JKM', 'JHT']);
    expect(result.lines[2]).toEqual({ program: 'JHT', base: wage, rate: '5.7% of wage', amount: 279_364 });
    expect(result.monthlyPremium).toBe(26_466 + 14_703 + 279_364);
  });

  it('rounds an exact half rupiah up, not to even and not down', () => {
    // 4,901,500 × 30 = 147,045,000 → 14,704.5 → 14,705 (banker's rounding and floor give 14,704;
    // floating point 4,901,500 × 0.003 is 14,704.499…).
    // 4,901,500 × 24 = 117,636,000 → 11,763.6 → 11,764
    const result = premium(puSegment(4_901_500, 'very-low'), '2023-06');
    expect(result.lines.map((l) => l.amount)).toEqual([11_764, 14_705]);
  });
});

describe('discounts', () => {
  const transport = bpuSegment(1_000_000, 'transport');

  it('PP 50/2025 takes 50% off JKK and JKM for transport-sector BPU paid by CSR in 2026-06', () => {
    const result = premium(transport, '2026-06', ['JKK', 'JKM', 'JHT'], 'CSR');
    expect(result.lines).toEqual([
      { program: 'JKK', base: 1_000_000, rate: '1% of income', amount: 5_000, discount: { id: 'pp50-2025', percent: 50, amount: 5_000 } },
      { program: 'JKM', base: 1_000_000, rate: 'Rp6.800 flat', amount: 3_400, discount: { id: 'pp50-2025', percent: 50, amount: 3_400 } },
      { program: 'JHT', base: 1_000_000, rate: '2% of income', amount: 20_000 },
    ]);
    expect(result.monthlyPremium).toBe(28_400);
  });

  it('PP 50/2025 is in force from 2026-01 through 2027-03 only', () => {
    const total = (month: string) => premium(transport, month, ['JKK', 'JKM'], 'CSR').monthlyPremium;
    expect(total('2025-12')).toBe(16_800);
    expect(total('2026-01')).toBe(8_400);
    expect(total('2027-03')).toBe(8_400);
    expect(total('2027-04')).toBe(16_800);
    expect(premium(transport, '2027-04', ['JKK', 'JKM'], 'CSR').lines.every((l) => l.discount === undefined)).toBe(true);
  });

  it('PP 50/2025 does not apply when the segment is paid by APBD or APBN', () => {
    for (const payer of ['APBD', 'APBN'] as const) {
      const result = premium(transport, '2026-06', ['JKK', 'JKM'], payer);
      expect(result.monthlyPremium).toBe(16_800);
      expect(result.lines.some((l) => l.discount)).toBe(false);
    }
  });

  it('PP 50/2025 does not apply outside the transport sector or to PU', () => {
    expect(premium(bpuSegment(1_000_000, 'agriculture'), '2026-06', ['JKK', 'JKM'], 'CSR').monthlyPremium).toBe(16_800);
    expect(premium(bpuSegment(), '2026-06', ['JKK', 'JKM'], 'CSR').monthlyPremium).toBe(16_800);
    const pu = { ...puSegment(4_901_117, 'low'), sector: 'transport' };
    expect(premium(pu, '2026-06', ['JKK', 'JKM'], 'CSR').monthlyPremium).toBe(26_466 + 14_703);
  });

  it('rounds the amount still due half up after a discount', () => {
    // JKK 1% of Rp1,000,050 = Rp10,001; half of it is Rp5,000.50, charged as Rp5,001.
    const result = premium(bpuSegment(1_000_050, 'transport'), '2026-06', ['JKK'], 'CSR');
    expect(result.lines[0]).toMatchObject({ amount: 5_001, discount: { id: 'pp50-2025', percent: 50, amount: 5_000 } });
  });

  it('PP 49/2020 takes 99% off JKK and JKM in 2020-10, whoever pays, but not JHT', () => {
    const result = premium(bpuSegment(), '2020-10', ['JKK', 'JKM', 'JHT'], 'APBD');
    expect(result.lines).toEqual([
      { program: 'JKK', base: 1_000_000, rate: '1% of income', amount: 100, discount: { id: 'pp49-2020', percent: 99, amount: 9_900 } },
      { program: 'JKM', base: 1_000_000, rate: 'Rp6.800 flat', amount: 68, discount: { id: 'pp49-2020', percent: 99, amount: 6_732 } },
      { program: 'JHT', base: 1_000_000, rate: '2% of income', amount: 20_000 },
    ]);
    expect(result.monthlyPremium).toBe(20_168);
  });

  it('PP 49/2020 applies to PU too, and ends after 2021-01', () => {
    // JKK 11,763 → 1% due = 117.63 → 118; JKM 14,703 → 147.03 → 147.
    const covid = premium(puSegment(4_901_117, 'very-low'), '2020-10');
    expect(covid.lines.map((l) => [l.amount, l.discount?.amount])).toEqual([
      [118, 11_645],
      [147, 14_556],
    ]);
    expect(premium(bpuSegment(), '2021-01').monthlyPremium).toBe(168);
    expect(premium(bpuSegment(), '2021-02').monthlyPremium).toBe(16_800);
  });
});

describe('months without a rate', () => {
  it('throws for 2010-01, naming the month, category and every program', () => {
    const error = thrown(() => premium(bpuSegment(), '2010-01'));
    expect(error.message).toContain('2010-01');
    expect(error.message).toMatch(/no JKK rate for category BPU is in force in 2010-01/);
    expect(error.message).toMatch(/no JKM rate for category BPU is in force in 2010-01/);
    expect(error.issues.map((i) => i.path)).toEqual([
      'segments.OJOL.premiumBasis.declaredIncome',
      'segments.OJOL.programs.JKK',
      'segments.OJOL.programs.JKM',
    ]);
  });

  it('names the risk group when a PU JKK rate is missing', () => {
    const withoutHighJkk = parseRateSchedule({
      ...scheduleFile,
      rates: scheduleFile.rates.filter((r) => !('riskGroup' in r) || r.riskGroup !== 'high'),
    });
    expect(() =>
      monthlyPremium({
        regulation: { programs: ['JKK', 'JKM'], payer: 'APBD' },
        segment: puSegment(4_901_117, 'high'),
        month: '2024-01',
        schedule: withoutHighJkk,
      }),
    ).toThrow('no JKK rate for category PU, risk group high is in force in 2024-01');
  });

  it('is in force from 2015-07, not before', () => {
    expect(() => premium(bpuSegment(), '2015-06')).toThrow(InvalidInputError);
    expect(premium(bpuSegment(), '2015-07').monthlyPremium).toBe(16_800);
  });
});
