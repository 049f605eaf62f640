import { ZodError } from 'zod';
import { addMonths } from '../calendar/calendar';
import { InvalidInputError } from '../errors';
import { BASIS_POINTS_PER_WHOLE } from '../money/rates/basis-points';
import { parseRateSchedule, type RateEntry, type RateSchedule } from '../money/rates/rate-schedule';
import { type Regulation, RegulationInput, type Segment } from '../regulation/regulation';
import { regulationDocument } from '../regulation/regulation-document';
import type { ScenarioInput } from './scenario';

/** Where a segment's people come from in a scenario. */
export type SegmentPeople =
  /** The roster's headcount, as a real proposal counts it. */
  | { source: 'roster' }
  /** The roster's people within a changed age window, counted from their ages. */
  | { source: 'ages' }
  /** A number the scenario assumes: for an existing segment, its roster's ages scaled to it. */
  | { source: 'assumed'; people: number };

export interface ScenarioSegment {
  segment: Segment;
  people: SegmentPeople;
  /** Yearly growth in a projection, in basis points (500 = 5%). */
  growthBasisPoints: number;
}

/**
 * The regulation as a scenario would have it, and where each segment's people come from. The
 * result is held to the same schema as an applied regulation (unique codes and priorities, BPU
 * on declared income, …), so a scenario cannot price a regulation that could never be applied.
 * Throws InvalidInputError naming the scenario's path of each problem.
 */
export function applyScenario(regulation: Regulation, scenario: ScenarioInput): { regulation: Regulation; segments: ScenarioSegment[] } {
  const issues: { path: string; message: string }[] = [];
  const codes = new Set(regulation.segments.map((segment) => segment.code));
  const removed = new Set(scenario.removeSegments ?? []);
  for (const [index, code] of (scenario.removeSegments ?? []).entries()) {
    if (!codes.has(code)) issues.push({ path: `removeSegments.${index}`, message: `${regulation.id} has no segment ${code}` });
  }
  for (const code of Object.keys(scenario.segments ?? {})) {
    if (!codes.has(code)) issues.push({ path: `segments.${code}`, message: `${regulation.id} has no segment ${code}; add it under addSegments` });
  }
  for (const [index, added] of (scenario.addSegments ?? []).entries()) {
    if (codes.has(added.code) && !removed.has(added.code)) issues.push({ path: `addSegments.${index}.code`, message: `${regulation.id} already has segment ${added.code}; change it under segments` });
  }

  const kept: ScenarioSegment[] = regulation.segments
    .filter((segment) => !removed.has(segment.code))
    .map((segment) => {
      const change = scenario.segments?.[segment.code] ?? {};
      const declaredIncome = change.declaredIncome ?? scenario.declaredIncome;
      const premiumBasis =
        segment.premiumBasis.type === 'declared-income'
          ? { ...segment.premiumBasis, ...(declaredIncome !== undefined ? { declaredIncome } : {}) }
          : { ...segment.premiumBasis, ...(change.monthlyWage !== undefined ? { monthlyWage: change.monthlyWage } : {}) };
      if (change.monthlyWage !== undefined && segment.premiumBasis.type !== 'wage') {
        issues.push({ path: `segments.${segment.code}.monthlyWage`, message: `segment ${segment.code} is BPU, priced on declared income: use declaredIncome` });
      }
      if (change.declaredIncome !== undefined && segment.premiumBasis.type !== 'declared-income') {
        issues.push({ path: `segments.${segment.code}.declaredIncome`, message: `segment ${segment.code} is PU, priced on a wage: use monthlyWage` });
      }
      const changedWindow = change.eligibility !== undefined && (change.eligibility.minAge !== segment.eligibility.minAge || change.eligibility.maxAge !== segment.eligibility.maxAge);
      return {
        segment: {
          ...segment,
          ...(change.name !== undefined ? { name: change.name } : {}),
          ...(change.targetHeadcount !== undefined ? { targetHeadcount: change.targetHeadcount } : {}),
          ...(change.priority !== undefined ? { priority: change.priority } : {}),
          ...(change.eligibility !== undefined ? { eligibility: change.eligibility } : {}),
          premiumBasis,
        },
        people: change.people !== undefined ? { source: 'assumed', people: change.people } : changedWindow ? { source: 'ages' } : { source: 'roster' },
        growthBasisPoints: growthBasisPoints(change.growthPercent),
      };
    });
  const added: ScenarioSegment[] = (scenario.addSegments ?? []).map(({ people, growthPercent, ...segment }) => ({
    segment,
    people: { source: 'assumed', people },
    growthBasisPoints: growthBasisPoints(growthPercent),
  }));
  const segments = [...kept, ...added];
  if (segments.length === 0) issues.push({ path: 'removeSegments', message: 'leaves the regulation without segments' });
  if (issues.length > 0) throw new InvalidInputError(`Scenario ${scenario.id} does not fit ${regulation.id}`, issues);

  const checked = RegulationInput.safeParse({ ...regulationDocument(regulation), segments: segments.map((s) => s.segment) });
  if (!checked.success) {
    throw new InvalidInputError(
      `Scenario ${scenario.id} would make ${regulation.id} invalid`,
      checked.error.issues.map((issue) => ({ path: scenarioPath(issue.path, segments), message: issue.message })),
    );
  }
  return { regulation: { ...checked.data, version: regulation.version, recordedAt: regulation.recordedAt, recordedBy: regulation.recordedBy }, segments };
}

/**
 * The rate schedule with a scenario's rate changes: each closes the schedule's rate for its
 * category, program and risk group the month before it starts, and is in force from then on.
 * The result is validated as the shipped schedule is, and versioned by its contents.
 */
export function scheduleWithChanges(schedule: RateSchedule, changes: ScenarioInput['rateChanges']): RateSchedule {
  if (!changes || changes.length === 0) return schedule;
  const sameLine = (rate: RateEntry, change: NonNullable<ScenarioInput['rateChanges']>[number]) =>
    rate.category === change.category && rate.program === change.program && rate.riskGroup === change.riskGroup;
  let rates: RateEntry[] = [...schedule.rates];
  const ordered = [...changes].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (const [index, change] of ordered.entries()) {
    rates = rates
      .filter((rate) => !(sameLine(rate, change) && rate.validFrom >= change.from))
      .map((rate) => (sameLine(rate, change) && (rate.validTo === undefined || rate.validTo >= change.from) ? { ...rate, validTo: addMonths(change.from, -1) } : rate));
    rates.push({
      id: `scenario-rate-${index + 1}`,
      source: 'scenario',
      validFrom: change.from,
      category: change.category,
      program: change.program,
      ...(change.riskGroup ? { riskGroup: change.riskGroup } : {}),
      charge: change.charge,
    });
  }
  const { version, ...file } = schedule;
  try {
    return parseRateSchedule({ ...file, rates });
  } catch (error) {
    // Only the schedule's own checks are the scenario's fault; anything else is a bug to surface.
    if (!(error instanceof ZodError)) throw error;
    throw new InvalidInputError(
      "The scenario's rate changes do not make a valid rate schedule",
      error.issues.map((issue) => ({ path: `rateChanges (${issue.path.join('.')})`, message: issue.message })),
    );
  }
}

function growthBasisPoints(percent: number | undefined): number {
  return Math.round((percent ?? 0) * (BASIS_POINTS_PER_WHOLE / 100));
}

/** A regulation issue's path as the scenario names it: `segments.3.priority` → `segments.RT.priority`. */
function scenarioPath(path: readonly PropertyKey[], segments: readonly ScenarioSegment[]): string {
  if (path[0] === 'segments' && typeof path[1] === 'number') {
    const code = segments[path[1]]?.segment.code;
    return [`segment ${code}`, ...path.slice(2)].join('.');
  }
  return path.join('.');
}
