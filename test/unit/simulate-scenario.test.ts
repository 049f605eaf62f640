import { describe, expect, it } from 'vitest';
import { allocateCeiling } from '../../shared/core/budget/allocate-ceiling';
import { computeProposal } from '../../shared/core/budget/compute-proposal';
import { monthsToYearEnd } from '../../shared/core/calendar/calendar';
import { InvalidInputError } from '../../shared/core/errors';
import { monthlyPremium } from '../../shared/core/money/rates/monthly-premium';
import { loadRateSchedule } from '../../shared/core/money/rates/rate-schedule';
import type { Regulation } from '../../shared/core/regulation/regulation';
import { ageMonthOf, ageOnFirstOf, agingOutIn, countInProfile, withinWindowOn } from '../../shared/core/simulation/age-profile';
import { ScenarioInput } from '../../shared/core/simulation/scenario';
import { simulateScenario, type SimulationInputs } from '../../shared/core/simulation/simulate-scenario';
import { ageOn } from '../../shared/core/calendar/calendar';
import { tangselRegulation } from '../support/tangsel';

const schedule = loadRateSchedule();

const ppu: Regulation = {
  ...tangselRegulation('perbup-ppu'),
  jurisdiction: '6409',
  segments: [
    { code: 'RENTAN', name: 'Pekerja rentan', category: 'BPU', premiumBasis: { type: 'declared-income', declaredIncome: 1_000_000 }, eligibility: { minAge: 18, maxAge: 65 }, targetHeadcount: 20_000, priority: 1 },
  ],
  version: 1,
  recordedAt: '2026-07-01T00:00:00.000Z',
  recordedBy: 'ani',
};

function inputs(scenario: Partial<ScenarioInput>, overrides: Partial<SimulationInputs> = {}): SimulationInputs {
  return {
    scenario: ScenarioInput.parse({ id: 'uji', name: 'Uji', regulationId: ppu.id, year: 2027, ...scenario }),
    regulation: ppu,
    roster: { version: 3, segments: { RENTAN: 15_000 } },
    profile: { RENTAN: { '1990-05': 15_000 } },
    alreadyFunded: {},
    schedule,
    ...overrides,
  };
}

describe('age profile', () => {
  it('counts age on a month\'s 1st exactly as ageOn does, for every day of a birth month', () => {
    for (const birthDate of ['1990-03-01', '1990-03-02', '1990-03-31', '1961-12-31', '2000-02-29']) {
      for (const on of ['2027-01', '2027-03', '2027-04', '2028-03', '2061-12', '2062-01']) {
        expect(ageOnFirstOf(ageMonthOf(birthDate), on), `${birthDate} on ${on}-01`).toBe(ageOn(birthDate, `${on}-01`));
      }
    }
  });

  it('tells who is within a window on a month\'s 1st and who passes its upper age in which month', () => {
    const profile: Record<string, Record<string, number>> = {};
    for (const birthDate of ['1962-03-15', '1962-03-01', '1961-12-01', '2009-06-02']) countInProfile(profile, 'RT', birthDate);
    // On 1 January 2027: 64, 64, 65 (just turned, on 1 December 2026), 17.
    expect(withinWindowOn(profile.RT!, { minAge: 18, maxAge: 65 }, '2027-01')).toBe(3);
    expect(withinWindowOn(profile.RT!, { minAge: 18, maxAge: 64 }, '2027-01')).toBe(2);
    // Turning 66: born 1 December 1961 on 1 December 2027; born 1 March 1962 on 1 March 2028.
    expect(agingOutIn(profile.RT!, 65, monthsToYearEnd('2027-02'))).toEqual({ '2027-12': 1 });
    expect(agingOutIn(profile.RT!, 65, ['2028-03', '2028-04'])).toEqual({ '2028-03': 1, '2028-04': 1 });
  });
});

describe('simulateScenario', () => {
  it('PPU: 15,000 from January plus 5,000 from July cost what the two real proposals cost', () => {
    const result = simulateScenario(inputs({ cohorts: [{ startMonth: '2027-07', people: { RENTAN: 5_000 } }] }));
    expect(result.cohorts.map((c) => [c.cohort, c.startMonth, c.totalHeadcount, c.total])).toEqual([
      ['original', '2027-01', 15_000, 3_024_000_000],
      ['perubahan', '2027-07', 5_000, 504_000_000],
    ]);
    expect(result.total).toBe(3_528_000_000);

    // The same inputs as the real proposals: the original on the roster of 15,000, the top-up on
    // the roster of 20,000 with the first 15,000 funded this year already.
    const real = (cohort: 'original' | 'perubahan', months: string[], roster: number, alreadyFunded: number) =>
      computeProposal({ regulation: ppu, months, cohort, roster: { version: 1, segments: { RENTAN: roster } }, alreadyFunded: alreadyFunded ? { RENTAN: { alreadyFunded, movedFrom: {} } } : {}, schedule });
    expect(result.cohorts[0]!.segments).toEqual(real('original', monthsToYearEnd('2027-01'), 15_000, 0).segments);
    expect(result.cohorts[1]!.segments).toEqual(real('perubahan', monthsToYearEnd('2027-07'), 20_000, 15_000).segments);

    // Per month: 15,000 people January–June, 20,000 from July; the months add up to the total.
    expect(result.months.map((m) => m.headcount)).toEqual([...Array(6).fill(15_000), ...Array(6).fill(20_000)]);
    expect(result.months.reduce((sum, m) => sum + m.amount, 0)).toBe(result.total);
    expect(result.movements).toEqual([expect.objectContaining({ segment: 'RENTAN', current: 15_000, simulated: 20_000, added: 5_000, dropped: 0 })]);
  });

  it('a top-up beyond the quota is cut to it, as a real proposal is', () => {
    const result = simulateScenario(inputs({ cohorts: [{ startMonth: '2027-07', people: { RENTAN: 8_000 } }] }));
    expect(result.cohorts[1]!.segments[0]).toMatchObject({ headcount: 5_000, overTarget: 3_000 });
  });

  it('a ceiling funds what a real decision with that ceiling funds', () => {
    const two: Regulation = {
      ...ppu,
      segments: [
        ppu.segments[0]!,
        { code: 'PETANI', name: 'Petani', category: 'BPU', premiumBasis: { type: 'declared-income', declaredIncome: 1_000_000 }, eligibility: { minAge: 18, maxAge: 65 }, targetHeadcount: 10_000, priority: 2 },
      ],
    };
    const result = simulateScenario(inputs({ ceiling: 2_000_000_000 }, { regulation: two, roster: { version: 1, segments: { RENTAN: 8_000, PETANI: 6_000 } } }));
    const real = computeProposal({ regulation: two, months: monthsToYearEnd('2027-01'), cohort: 'original', roster: { version: 1, segments: { RENTAN: 8_000, PETANI: 6_000 } }, alreadyFunded: {}, schedule });
    expect(result.ceiling!.segments).toEqual(allocateCeiling(real.segments, 2_000_000_000));
    expect(result.ceiling).toMatchObject({ fundedHeadcount: 8_000 + 1_920, unfundedHeadcount: 6_000 - 1_920 });
    expect(result.ceiling!.amount + result.ceiling!.unspent).toBe(2_000_000_000);
    // The months show what is funded, not what is proposed.
    expect(result.months[0]!.segments.PETANI!.headcount).toBe(1_920);
  });

  it('a higher declared income raises the premium by the schedule, not by a constant', () => {
    const result = simulateScenario(inputs({ declaredIncome: 1_500_000 }));
    const segment = { ...ppu.segments[0]!, premiumBasis: { type: 'declared-income' as const, declaredIncome: 1_500_000 } };
    const premium = monthlyPremium({ regulation: ppu, segment, month: '2027-01', schedule }).monthlyPremium;
    expect(premium).toBeGreaterThan(16_800);
    expect(result.total).toBe(15_000 * premium * 12);
  });

  it('a rate change from July prices the months after it at the new rate', () => {
    const base = simulateScenario(inputs({}));
    const changed = simulateScenario(inputs({ rateChanges: [{ from: '2027-07', category: 'BPU', program: 'JKM', charge: { type: 'flat', rupiah: 10_000 } }] }));
    const jkm = monthlyPremium({ regulation: ppu, segment: ppu.segments[0]!, month: '2027-01', schedule }).lines.find((l) => l.program === 'JKM')!.amount;
    expect(changed.months[5]!.amount).toBe(base.months[5]!.amount);
    expect(changed.months[6]!.amount - base.months[6]!.amount).toBe(15_000 * (10_000 - jkm));
    expect(changed.basis.rateScheduleVersion).not.toBe(base.basis.rateScheduleVersion);
  });

  it('a narrower age window counts the roster\'s people by age; the projection drops who ages out', () => {
    const profile = { RENTAN: { '1962-06': 1_000, '1965-01': 2_000, '1990-05': 12_000 } };
    // On 1 January 2027: 64 (1,000 people), 62 (2,000), 36 (12,000).
    const narrower = simulateScenario(inputs({ segments: { RENTAN: { eligibility: { minAge: 18, maxAge: 63 } } } }, { profile }));
    expect(narrower.cohorts[0]!.totalHeadcount).toBe(14_000);
    expect(narrower.movements[0]).toMatchObject({ current: 15_000, simulated: 14_000, dropped: 1_000 });

    const projected = simulateScenario(inputs({ projectionYears: 5 }, { profile }));
    expect(projected.projection.map((y) => y.year)).toEqual([2027, 2028, 2029, 2030, 2031]);
    // The 1,000 born in May 1962 turn 66 on 1 June 2028 and are gone on 1 January 2029; the 2,000 on 1 January 2031.
    expect(projected.movements[0]!.agingOut).toEqual({});
    expect(projected.projection.map((y) => y.totalHeadcount)).toEqual([15_000, 15_000, 14_000, 14_000, 12_000]);
    expect(projected.projection[4]!.segments[0]).toMatchObject({ agedOut: 3_000, grown: 0 });
  });

  it('growth compounds yearly on top of aging out', () => {
    const result = simulateScenario(inputs({ projectionYears: 3, segments: { RENTAN: { growthPercent: 10 } } }));
    expect(result.projection.map((y) => y.totalHeadcount)).toEqual([15_000, 16_500, 18_150]);
    expect(result.projection[2]!.segments[0]).toMatchObject({ grown: 3_150, agedOut: 0 });
  });

  it('adds, resizes and removes segments, and names what does not fit', () => {
    const added = simulateScenario(
      inputs({
        addSegments: [{ code: 'PETANI', name: 'Petani', category: 'BPU', premiumBasis: { type: 'declared-income', declaredIncome: 1_000_000 }, eligibility: { minAge: 18, maxAge: 65 }, targetHeadcount: 5_000, priority: 2, people: 5_000 }],
        segments: { RENTAN: { people: 10_000 } },
      }),
    );
    expect(added.cohorts[0]!.segments.map((s) => [s.segment, s.headcount])).toEqual([['RENTAN', 10_000], ['PETANI', 5_000]]);
    expect(added.movements.map((m) => [m.segment, m.added, m.dropped])).toEqual([['RENTAN', 0, 5_000], ['PETANI', 5_000, 0]]);

    const fail = (scenario: Partial<ScenarioInput>) => {
      try {
        simulateScenario(inputs(scenario));
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError);
        return (error as InvalidInputError).issues;
      }
      throw new Error('expected the scenario to be refused');
    };
    expect(fail({ segments: { NELAYAN: { people: 1 } } })).toEqual([expect.objectContaining({ path: 'segments.NELAYAN' })]);
    expect(fail({ removeSegments: ['RENTAN'] })).toEqual([expect.objectContaining({ path: 'removeSegments' })]);
    expect(fail({ cohorts: [{ startMonth: '2027-07', people: { NELAYAN: 5 } }] })).toEqual([expect.objectContaining({ path: 'cohorts.0.people.NELAYAN' })]);
    expect(fail({ declaredIncome: 50_000_000 })[0]!.message).toMatch(/declared income|range|limit/i);
  });

  it('refuses a document with a misspelt change by name', () => {
    const parsed = ScenarioInput.safeParse({ id: 'x', name: 'x', regulationId: 'perbup-ppu', year: 2027, segments: { RENTAN: { poeple: 3 } } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({ code: 'unrecognized_keys', path: ['segments', 'RENTAN'] });
  });
});
