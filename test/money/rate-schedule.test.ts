import { describe, expect, it } from 'vitest';
import scheduleFile from '../../shared/core/money/rates/rate-schedule.json';
import { canonicalJson } from '../../shared/lib/canonical-json';
import {
  type DiscountConditions,
  loadRateSchedule,
  parseRateSchedule,
  RateScheduleFile,
  rateScheduleVersion,
} from '../../shared/core/money/rates/rate-schedule';

/** A fresh, mutable copy of the shipped file for each test to break in its own way. */
function fileCopy(): RateScheduleFile {
  return structuredClone(RateScheduleFile.parse(scheduleFile));
}

/** A made-up later BPU JKK rate from 2030-01, open-ended. */
function laterBpuJkk(): RateScheduleFile['rates'][number] {
  const charge = { type: 'share', basisPoints: 150 } as const;
  return { id: 'later-bpu-jkk', category: 'BPU', program: 'JKK', charge, validFrom: '2030-01', source: 'PP 1/2030' };
}

/** A made-up 10% discount, to test which discounts may coincide. */
function discount(
  id: string,
  period: { validFrom: string; validTo?: string },
  conditions: DiscountConditions,
): RateScheduleFile['discounts'][number] {
  return { id, basisPoints: 1_000, ...period, source: 'PP 9/2027', conditions };
}

function issueMessages(raw: unknown): string[] {
  const result = RateScheduleFile.safeParse(raw);
  if (result.success) throw new Error('expected the schedule to be rejected');
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the shipped rate schedule', () => {
  it('loads, validates once and carries a rates- version', () => {
    const schedule = loadRateSchedule();
    expect(loadRateSchedule()).toBe(schedule);
    expect(schedule.version).toMatch(/^rates-[0-9a-f]{12}$/);
  });

  it('holds the domain reference rates in basis points', () => {
    const { rates } = loadRateSchedule();
    const charge = (category: string, program: string, riskGroup?: string) =>
      rates.find((r) => r.category === category && r.program === program && r.riskGroup === riskGroup)?.charge;
    expect(charge('BPU', 'JKK')).toEqual({ type: 'share', basisPoints: 100 });
    expect(charge('BPU', 'JKM')).toEqual({ type: 'flat', rupiah: 6_800 });
    expect(charge('BPU', 'JHT')).toEqual({ type: 'share', basisPoints: 200 });
    expect(['very-low', 'low', 'medium', 'high', 'very-high'].map((g) => charge('PU', 'JKK', g))).toEqual(
      [24, 54, 89, 127, 174].map((basisPoints) => ({ type: 'share', basisPoints })),
    );
    expect(charge('PU', 'JKM')).toEqual({ type: 'share', basisPoints: 30 });
    expect(charge('PU', 'JHT')).toEqual({ type: 'share', basisPoints: 570 });
  });

  it('records the declared-income range and the discounts with their conditions', () => {
    const schedule = loadRateSchedule();
    expect(schedule.declaredIncomeLimits).toEqual([
      expect.objectContaining({ minRupiah: 1_000_000, maxRupiah: 20_700_000, uncertain: true, validFrom: '2015-07' }),
    ]);
    expect(schedule.discounts).toEqual([
      expect.objectContaining({ id: 'pp49-2020', basisPoints: 9_900, validFrom: '2020-08', validTo: '2021-01', uncertain: true }),
      expect.objectContaining({
        id: 'pp50-2025',
        basisPoints: 5_000,
        validFrom: '2026-01',
        validTo: '2027-03',
        conditions: { programs: ['JKK', 'JKM'], categories: ['BPU'], sectors: ['transport'], excludedPayers: ['APBN', 'APBD'] },
      }),
    ]);
  });
});

describe('schedule validation', () => {
  it('rejects two rates for the same category, program and risk group in overlapping periods', () => {
    const file = fileCopy();
    file.rates.push(laterBpuJkk());
    expect(issueMessages(file)).toEqual([
      'rates.10.validFrom: later-bpu-jkk (2030-01..open) overlaps pp44-2015-bpu-jkk (2015-07..open)',
    ]);
  });

  it('accepts the same rates once the earlier period is closed the month before', () => {
    const file = fileCopy();
    file.rates[0]!.validTo = '2029-12';
    file.rates.push(laterBpuJkk());
    const schedule = parseRateSchedule(file);
    expect(schedule.rates).toHaveLength(11);
  });

  it('rejects a closed period that still touches the next one by a month', () => {
    const file = fileCopy();
    file.rates[0]!.validTo = '2030-01';
    file.rates.push(laterBpuJkk());
    expect(issueMessages(file)).toEqual([expect.stringMatching(/later-bpu-jkk \(2030-01..open\) overlaps pp44-2015-bpu-jkk \(2015-07..2030-01\)/)]);
  });

  it('lets PU JKK risk groups share a period, since they are different rates', () => {
    expect(RateScheduleFile.safeParse(fileCopy()).success).toBe(true);
  });

  it('rejects validTo before validFrom', () => {
    const file = fileCopy();
    file.discounts[1]!.validTo = '2025-12';
    expect(issueMessages(file)).toEqual(['discounts.1.validTo: must not be before validFrom 2026-01']);
  });

  it('rejects a PU JKK rate without a risk group, and a risk group anywhere else', () => {
    const file = fileCopy();
    delete file.rates[3]!.riskGroup;
    file.rates[0]!.riskGroup = 'low';
    expect(issueMessages(file)).toEqual([
      'rates.0.riskGroup: only PU JKK rates have a risk group',
      'rates.3.riskGroup: PU JKK rates need a risk group',
    ]);
  });

  it('rejects a percentage that is not whole basis points, and a misspelt field', () => {
    const fractional = fileCopy();
    fractional.rates[3]!.charge = { type: 'share', basisPoints: 0.24 };
    expect(issueMessages(fractional)).toEqual([expect.stringMatching(/^rates\.3\.charge\.basisPoints: /)]);
    const misspelt = { ...fileCopy(), discounts: [{ ...fileCopy().discounts[0]!, validto: '2021-01' }] };
    expect(issueMessages(misspelt)).toEqual([expect.stringMatching(/^discounts\.0: Unrecognized key: "validto"/)]);
  });

  it('rejects JP, which Lindung does not cover', () => {
    const file = fileCopy() as { rates: unknown[] };
    file.rates.push({ ...laterBpuJkk(), id: 'pp45-2015-pu-jp', category: 'PU', program: 'JP' });
    expect(issueMessages(file)).toEqual([expect.stringMatching(/^rates\.10\.program: /)]);
  });

  it('rejects two discounts that could apply to the same line in the same month', () => {
    const file = fileCopy();
    file.discounts.push(discount('extra', { validFrom: '2027-01' }, { programs: ['JKM'] }));
    expect(issueMessages(file)).toEqual(['discounts.2.validFrom: extra (2027-01..open) overlaps pp50-2025 (2026-01..2027-03)']);
  });

  it('allows overlapping discounts whose conditions exclude each other', () => {
    const file = fileCopy();
    // Payers: PP 50/2025 admits only APBDes and CSR, this one only APBN and APBD.
    file.discounts.push(
      discount('state-paid', { validFrom: '2026-01', validTo: '2027-12' }, {
        programs: ['JKK'],
        categories: ['BPU'],
        excludedPayers: ['APBDes', 'CSR'],
      }),
    );
    // Categories: the discounts above are BPU only.
    file.discounts.push(discount('pu-only', { validFrom: '2026-01' }, { programs: ['JKK'], categories: ['PU'] }));
    // Sectors against PP 50/2025, payers against state-paid.
    file.discounts.push(
      discount('bpu-farmers', { validFrom: '2026-01', validTo: '2026-12' }, {
        programs: ['JKK'],
        categories: ['BPU'],
        sectors: ['agriculture'],
        excludedPayers: ['APBN', 'APBD'],
      }),
    );
    // Programs against pu-only and state-paid; sectors against PP 50/2025.
    file.discounts.push(discount('jkm-fishers', { validFrom: '2026-01' }, { programs: ['JKM'], sectors: ['fisheries'] }));
    expect(() => parseRateSchedule(file)).not.toThrow();
  });

  it('rejects a repeated id', () => {
    const file = fileCopy();
    file.discounts[1]!.id = 'pp44-2015-bpu-jkk';
    expect(issueMessages(file)).toEqual([': id pp44-2015-bpu-jkk is used more than once']);
  });
});

describe('schedule version', () => {
  const baseline = rateScheduleVersion(fileCopy());

  it('is the version loadRateSchedule stamps, and is stable for the same contents', () => {
    expect(loadRateSchedule().version).toBe(baseline);
    expect(rateScheduleVersion(fileCopy())).toBe(baseline);
    expect(parseRateSchedule(structuredClone(scheduleFile)).version).toBe(baseline);
  });

  it('does not change when keys or entries are written in another order', () => {
    const file = fileCopy();
    const reordered = {
      discounts: [...file.discounts].reverse(),
      rates: file.rates.map((r) => Object.fromEntries(Object.entries(r).reverse())).reverse(),
      declaredIncomeLimits: file.declaredIncomeLimits,
    };
    expect(parseRateSchedule(reordered).version).toBe(baseline);
  });

  it('hashes keys in sorted order, so reordering schema fields in code keeps the version', () => {
    // Parsing already emits keys in schema order; the sort is what makes the hash independent
    // of that order too.
    expect(canonicalJson({ b: 1, a: { d: 2, c: [{ f: 1, e: 2 }], x: undefined } })).toBe('{"a":{"c":[{"e":2,"f":1}],"d":2},"b":1}');
  });

  it('changes when any single rate, limit or discount changes', () => {
    const edits: ((f: RateScheduleFile) => void)[] = [
      ...fileCopy().rates.map((_, i) => (f: RateScheduleFile) => {
        const charge = f.rates[i]!.charge;
        if (charge.type === 'share') charge.basisPoints += 1;
        else charge.rupiah += 1;
      }),
      (f) => void (f.rates[0]!.validFrom = '2015-08'),
      (f) => void (f.declaredIncomeLimits[0]!.maxRupiah -= 1),
      (f) => void (f.declaredIncomeLimits[0]!.minRupiah += 1),
      (f) => void (f.discounts[0]!.basisPoints -= 1),
      (f) => void (f.discounts[1]!.validTo = '2027-04'),
      (f) => void (f.discounts[1]!.conditions.excludedPayers = ['APBN']),
      (f) => void (f.discounts[1]!.source = 'PP 50/2026'),
    ];
    const versions = edits.map((edit) => {
      const file = fileCopy();
      edit(file);
      return parseRateSchedule(file).version;
    });
    expect(versions).not.toContain(baseline);
    expect(new Set(versions).size).toBe(edits.length);
  });
});
