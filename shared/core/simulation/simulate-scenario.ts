import { allocateCeiling, type SegmentFunding } from '../budget/allocate-ceiling';
import { cohortMonths, cohortStarting } from '../budget/cohort-months';
import { computeProposal } from '../budget/compute-proposal';
import type { SegmentBudget } from '../budget/proposal';
import type { SegmentAlreadyFunded } from '../budget/roster-funding';
import { addMonths, type IsoMonth, monthsToYearEnd } from '../calendar/calendar';
import { InvalidInputError } from '../errors';
import { BASIS_POINTS_PER_WHOLE } from '../money/rates/basis-points';
import type { RateSchedule } from '../money/rates/rate-schedule';
import { multiplyRupiah } from '../money/rupiah';
import { monthsInForce, requireMonthsInForce } from '../regulation/effective-period';
import type { Regulation } from '../regulation/regulation';
import { type AgeProfile, agingOutIn, withinWindowOn } from './age-profile';
import { applyScenario, scheduleWithChanges, type ScenarioSegment } from './apply-scenario';
import { type ScenarioInput, scenarioStartMonth } from './scenario';
import type { ProjectedYear, SegmentMovement, SimulatedCeiling, SimulatedCohort, SimulationResult } from './simulation-result';

export interface SimulationInputs {
  scenario: ScenarioInput & { version?: number };
  /** The regulation's current version. */
  regulation: Regulation;
  /** The accepted roster of the scenario's year: its version and headcount per segment. */
  roster: { version: number; segments: Readonly<Record<string, number>> };
  /** The same roster's people by age (age-profile.ts). */
  profile: AgeProfile;
  /** Per segment: people of its roster funded this year already, as a real proposal now would see them. */
  alreadyFunded: Readonly<Record<string, SegmentAlreadyFunded>>;
  schedule: RateSchedule;
}

/**
 * Prices a scenario with the rules real budgets use, and nothing else: each cohort is a
 * proposal (compute-proposal.ts: headcount within the quota × the premium in force each month),
 * a ceiling is split as a real decision splits it (allocate-ceiling.ts), and months follow the
 * regulation's effective dates. So a scenario and the real proposals made later from the same
 * inputs give the same rupiah. Pure and read-only.
 *
 * Beyond one proposal it shows what finance asks before the KUA-PPAS: cost per segment and month,
 * who is added or dropped against the regulation as it stands, who ages out within the year, and
 * a projection of up to five years in which people leave their age window on 1 January (as the
 * renewal counts age) and segments grow as assumed.
 */
export function simulateScenario(inputs: SimulationInputs): SimulationResult {
  const { scenario } = inputs;
  const year = scenario.year;
  const startMonth = scenarioStartMonth(scenario);
  const priced = priceScenario(inputs);
  const { cohorts, ceiling } = priced;
  const current = priceCohort(inputs.regulation, year, startMonth, inputs.roster.segments, inputs.alreadyFunded, inputs.schedule, 'scenario.startMonth');
  return {
    scenarioId: scenario.id,
    ...(scenario.version !== undefined ? { scenarioVersion: scenario.version } : {}),
    name: scenario.name,
    regulationId: inputs.regulation.id,
    year,
    basis: { regulationVersion: inputs.regulation.version, rosterVersion: inputs.roster.version, rateScheduleVersion: priced.schedule.version },
    cohorts,
    total: sum(cohorts.map((c) => c.total)),
    totalHeadcount: sum(cohorts.map((c) => c.totalHeadcount)),
    ...(ceiling ? { ceiling } : {}),
    months: monthsOf(year, cohorts, priced.fundedHeadcount),
    movements: movements(priced.applied.segments, current.segments, cohorts, priced.fundedHeadcount, inputs.profile, priced.people, startMonth),
    projection: project(priced.applied, cohorts, priced.fundedHeadcount, ceiling, inputs, priced.schedule),
  };
}

/** A scenario's year priced: its cohorts and what a ceiling funds of the first, without the views around them. */
export interface PricedScenario {
  applied: ReturnType<typeof applyScenario>;
  schedule: RateSchedule;
  /** People per segment of the roster's cohort, before quotas. */
  people: Record<string, number>;
  cohorts: SimulatedCohort[];
  ceiling: SimulatedCeiling | undefined;
  /** The people a cohort funds of a segment: the ceiling's share of the first, all of the others. */
  fundedHeadcount: (cohort: SimulatedCohort, segment: SegmentBudget) => number;
}

/**
 * The part of a simulation every view starts from, and all a person list needs: the roster's
 * cohort, then each mid-year cohort on top (those before it count as funded this year, as the
 * approved proposals before a real top-up do), and the ceiling's split of the first.
 */
export function priceScenario(inputs: SimulationInputs): PricedScenario {
  const { scenario } = inputs;
  const year = scenario.year;
  const startMonth = scenarioStartMonth(scenario);
  const applied = applyScenario(inputs.regulation, scenario);
  const schedule = scheduleWithChanges(inputs.schedule, scenario.rateChanges);
  const people = Object.fromEntries(applied.segments.map((s) => [s.segment.code, peopleOn(s, inputs, startMonth)]));

  const main = priceCohort(applied.regulation, year, startMonth, people, fundedBefore(applied.segments, inputs.alreadyFunded), schedule, 'scenario.startMonth');
  const ceiling = scenario.ceiling !== undefined ? ceilingOf(main.segments, scenario.ceiling) : undefined;
  const fundedOfMain = Object.fromEntries(main.segments.map((s) => [s.segment, ceiling?.segments.find((f) => f.segment === s.segment)?.funded ?? s.headcount]));
  const cohorts: SimulatedCohort[] = [main];
  const funded = { ...fundedOfMain };
  const onRoster = { ...people };
  for (const [index, extra] of (scenario.cohorts ?? []).entries()) {
    for (const [code, count] of Object.entries(extra.people)) {
      if (!(code in onRoster)) throw unknownCohortSegment(index, code, applied.regulation);
      onRoster[code] = onRoster[code]! + count;
    }
    const already = Object.fromEntries(Object.entries(funded).map(([code, n]) => [code, { alreadyFunded: n, movedFrom: {} }]));
    const cohort = priceCohort(applied.regulation, year, extra.startMonth, onRoster, already, schedule, `cohorts.${index}.startMonth`);
    cohorts.push(cohort);
    for (const s of cohort.segments) funded[s.segment] = (funded[s.segment] ?? 0) + s.headcount;
  }
  const fundedHeadcount = (cohort: SimulatedCohort, segment: SegmentBudget) => (cohort === main ? fundedOfMain[segment.segment]! : segment.headcount);
  return { applied, schedule, people, cohorts, ceiling, fundedHeadcount };
}

/** Whether pricing a scenario's year needs the roster's ages: only when it changes an age window. */
export function pricingNeedsAges(scenario: Pick<ScenarioInput, 'segments'>): boolean {
  return Object.values(scenario.segments ?? {}).some((change) => change.eligibility !== undefined);
}

/** A segment's people in the scenario's year, from where the scenario says they come. */
function peopleOn(s: ScenarioSegment, inputs: SimulationInputs, month: IsoMonth): number {
  switch (s.people.source) {
    case 'roster':
      return inputs.roster.segments[s.segment.code] ?? 0;
    case 'ages':
      return withinWindowOn(inputs.profile[s.segment.code] ?? {}, s.segment.eligibility, month);
    case 'assumed':
      return s.people.people;
  }
}

/** People assumed by the scenario are nobody's yet; the roster's may be funded already this year. */
function fundedBefore(segments: readonly ScenarioSegment[], alreadyFunded: SimulationInputs['alreadyFunded']): Record<string, SegmentAlreadyFunded> {
  return Object.fromEntries(
    segments.filter((s) => s.people.source !== 'assumed' && alreadyFunded[s.segment.code]).map((s) => [s.segment.code, alreadyFunded[s.segment.code]!]),
  );
}

function priceCohort(
  regulation: Regulation,
  year: number,
  startMonth: IsoMonth,
  people: Readonly<Record<string, number>>,
  alreadyFunded: Readonly<Record<string, SegmentAlreadyFunded>>,
  schedule: RateSchedule,
  path: string,
): SimulatedCohort {
  const cohort = cohortStarting(startMonth);
  const months = requireMonthsInForce(regulation, cohortMonths(year, cohort, startMonth), `the ${year} cohort from ${startMonth}`, path);
  const { segments, total, totalHeadcount } = computeProposal({ regulation, months, cohort, roster: { version: 0, segments: people }, alreadyFunded, schedule });
  return { cohort, startMonth, segments, total, totalHeadcount };
}

function ceilingOf(segments: readonly SegmentBudget[], ceiling: number): SimulatedCeiling {
  const funding: SegmentFunding[] = allocateCeiling(segments, ceiling);
  const amount = sum(funding.map((f) => f.amount));
  return {
    ceiling,
    segments: funding,
    fundedHeadcount: sum(funding.map((f) => f.funded)),
    unfundedHeadcount: sum(funding.map((f) => f.unfunded)),
    amount,
    unspent: ceiling - amount,
  };
}

/** Each month of the year: the people each cohort funds that month × that month's premium. */
function monthsOf(year: number, cohorts: readonly SimulatedCohort[], fundedHeadcount: (c: SimulatedCohort, s: SegmentBudget) => number): SimulationResult['months'] {
  return monthsToYearEnd(`${year}-01`).map((month) => {
    const segments: Record<string, { headcount: number; amount: number }> = {};
    for (const cohort of cohorts) {
      for (const segment of cohort.segments) {
        const premium = segment.monthlyPremiums.find((p) => p.month === month)?.premium;
        if (premium === undefined) continue;
        const headcount = fundedHeadcount(cohort, segment);
        const into = (segments[segment.segment] ??= { headcount: 0, amount: 0 });
        into.headcount += headcount;
        into.amount += multiplyRupiah(headcount, premium);
      }
    }
    const all = Object.values(segments);
    return { month, headcount: sum(all.map((s) => s.headcount)), amount: sum(all.map((s) => s.amount)), segments };
  });
}

function movements(
  segments: readonly ScenarioSegment[],
  current: readonly SegmentBudget[],
  cohorts: readonly SimulatedCohort[],
  fundedHeadcount: (c: SimulatedCohort, s: SegmentBudget) => number,
  profile: AgeProfile,
  people: Readonly<Record<string, number>>,
  startMonth: IsoMonth,
): SegmentMovement[] {
  const simulated = new Map<string, number>();
  for (const cohort of cohorts) for (const s of cohort.segments) simulated.set(s.segment, (simulated.get(s.segment) ?? 0) + fundedHeadcount(cohort, s));
  const names = new Map([...current.map((s) => [s.segment, s.name] as const), ...segments.map((s) => [s.segment.code, s.segment.name] as const)]);
  const codes = [...new Set([...segments.map((s) => s.segment.code), ...current.map((s) => s.segment)])];
  // Within the year: from the month after cover starts to 1 January next, when the renewal counts age.
  const months = Array.from({ length: 12 - Number(startMonth.slice(5, 7)) + 1 }, (_, i) => addMonths(startMonth, i + 1));
  return codes.map((code) => {
    const now = current.find((s) => s.segment === code)?.headcount ?? 0;
    const then = simulated.get(code) ?? 0;
    const scenarioSegment = segments.find((s) => s.segment.code === code);
    const agingOut = scenarioSegment ? scaled(agingOutIn(profile[code] ?? {}, scenarioSegment.segment.eligibility.maxAge, months), ageScale(scenarioSegment, profile, people, startMonth)) : {};
    return { segment: code, name: names.get(code) ?? code, current: now, simulated: then, added: Math.max(0, then - now), dropped: Math.max(0, now - then), agingOut };
  });
}

/**
 * How many of a segment's scenario people one person of its roster stands for: 1 for the
 * roster's own people, the assumed number over the roster's for a resized segment, 0 for a new
 * segment (its people have no ages: nobody ages out).
 */
function ageScale(s: ScenarioSegment, profile: AgeProfile, people: Readonly<Record<string, number>>, month: IsoMonth): number {
  if (s.people.source !== 'assumed') return 1;
  const counted = withinWindowOn(profile[s.segment.code] ?? {}, s.segment.eligibility, month);
  return counted === 0 ? 0 : people[s.segment.code]! / counted;
}

function scaled(counts: Record<IsoMonth, number>, factor: number): Record<IsoMonth, number> {
  const result: Record<IsoMonth, number> = {};
  for (const [month, n] of Object.entries(counts)) {
    const people = Math.round(n * factor);
    if (people > 0) result[month] = people;
  }
  return result;
}

/**
 * The scenario's year and up to four more. Each later year funds, from January, everyone still
 * within their segment's age window on 1 January (a resized segment's roster ages scaled to its
 * size; a new segment's people stay) plus the growth assumed, compounded yearly; priced as an
 * original-APBD proposal with the rates in force then, within the quotas, and split by the
 * ceiling if the scenario has one (a yearly pagu).
 */
function project(
  applied: ReturnType<typeof applyScenario>,
  cohorts: readonly SimulatedCohort[],
  fundedHeadcount: (c: SimulatedCohort, s: SegmentBudget) => number,
  ceiling: SimulatedCeiling | undefined,
  inputs: SimulationInputs,
  schedule: RateSchedule,
): ProjectedYear[] {
  const { scenario } = inputs;
  const startMonth = scenarioStartMonth(scenario);
  const first: ProjectedYear = {
    year: scenario.year,
    segments: applied.segments.map(({ segment }) => {
      const parts = cohorts.map((c) => [c, c.segments.find((s) => s.segment === segment.code)!] as const);
      return {
        segment: segment.code,
        headcount: sum(parts.map(([c, s]) => fundedHeadcount(c, s))),
        amount: sum(parts.map(([c, s]) => (c === cohorts[0] && ceiling ? ceiling.segments.find((f) => f.segment === s.segment)!.amount : s.amount))),
        agedOut: 0,
        grown: 0,
      };
    }),
    months: 12 - Number(startMonth.slice(5, 7)) + 1,
    total: sum(cohorts.map((c) => c.total)),
    totalHeadcount: sum(cohorts.map((c) => c.totalHeadcount)),
    ...(ceiling ? { funded: ceiling.amount + sum(cohorts.slice(1).map((c) => c.total)) } : {}),
  };
  const years: ProjectedYear[] = [first];
  // Later years start from everyone eligible this year, whether this year's ceiling funds them or not.
  const eligible = new Map(applied.segments.map((s) => [s.segment.code, sum(cohorts.map((c) => c.segments.find((x) => x.segment === s.segment.code)!.headcount))]));
  const levels = new Map(eligible);
  const agesOf = (s: ScenarioSegment) => inputs.profile[s.segment.code] ?? {};
  /** The roster's people each segment's eligible people stand for: they age as these do. */
  const countedAtStart = new Map(applied.segments.map((s) => [s.segment.code, withinWindowOn(agesOf(s), s.segment.eligibility, startMonth)]));
  for (let offset = 1; offset < (scenario.projectionYears ?? 1); offset++) {
    const year = scenario.year + offset;
    const projected = applied.segments.map((s) => {
      const start = eligible.get(s.segment.code)!;
      const counted = countedAtStart.get(s.segment.code)!;
      const survivors = counted === 0 ? start : Math.round((withinWindowOn(agesOf(s), s.segment.eligibility, `${year}-01`) * start) / counted);
      const level = Math.round((levels.get(s.segment.code)! * (BASIS_POINTS_PER_WHOLE + s.growthBasisPoints)) / BASIS_POINTS_PER_WHOLE);
      levels.set(s.segment.code, level);
      const grown = level - start;
      return { code: s.segment.code, headcount: Math.max(0, survivors + grown), agedOut: start - survivors, grown };
    });
    const months = monthsInForce(applied.regulation, monthsToYearEnd(`${year}-01`));
    const priced = computeProposal({
      regulation: applied.regulation,
      months,
      cohort: 'original',
      roster: { version: 0, segments: Object.fromEntries(projected.map((p) => [p.code, p.headcount])) },
      alreadyFunded: {},
      schedule,
    });
    const yearCeiling = scenario.ceiling !== undefined && months.length > 0 ? ceilingOf(priced.segments, scenario.ceiling) : undefined;
    years.push({
      year,
      segments: projected.map((p) => {
        const segment = priced.segments.find((s) => s.segment === p.code)!;
        return { segment: p.code, headcount: segment.headcount, amount: segment.amount, agedOut: p.agedOut, grown: p.grown };
      }),
      months: months.length,
      total: priced.total,
      totalHeadcount: priced.totalHeadcount,
      ...(yearCeiling ? { funded: yearCeiling.amount } : {}),
    });
  }
  return years;
}

function unknownCohortSegment(index: number, code: string, regulation: Regulation) {
  return new InvalidInputError(`Scenario cohort ${index + 1} names segment ${code}, which the scenario's regulation does not have`, [
    { path: `cohorts.${index}.people.${code}`, message: `must be one of ${regulation.segments.map((s) => s.code).join(', ')}` },
  ]);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
