import { fundEveryone } from '../budget/allocate-ceiling';
import { createHash } from 'node:crypto';
import { type FundedSegment, isCut, isFunded, settleCut } from '../budget/funded-by-allocation';
import type { PendingCohort } from '../budget/funded-this-year';
import { canonicalJson } from '../../lib/canonical-json';
import type { ScenarioStore } from './scenario-store';
import type { SimulatedCohort, SimulationResult } from './simulation-result';
import { unfundedNiks } from '../budget/roster-funding';
import { InvalidInputError } from '../errors';
import type { ScenarioInput } from './scenario';
import { type ScenarioRef, type SimulationDependencies, simulationInputs } from './run-simulation';
import { priceScenario, pricingNeedsAges } from './simulate-scenario';

/** The most people a page may ask for: 5,000 people are about 500 KB of JSON, far below a Lambda response's 6 MB. */
export const MAX_SCENARIO_PEOPLE_PAGE = 5_000;

/**
 * Whether a scenario's segment is its roster's people, so that who it funds can be listed: not
 * when the scenario assumes the people (a new segment, or `people`) or counts them by a changed
 * age window.
 */
export function listsRosterPeople(scenario: Pick<ScenarioInput, 'addSegments' | 'segments'>, code: string): boolean {
  return !scenario.addSegments?.some((s) => s.code === code) && scenario.segments?.[code]?.people === undefined && scenario.segments?.[code]?.eligibility === undefined;
}

/**
 * Who a scenario funds of one segment of its roster's cohort, a NIK bucket at a time, by the one
 * rule real decisions use (funded-by-allocation.ts): a segment funded whole, not at all, or, when
 * a ceiling or a quota cuts it, everyone up to the NIK the cut settles on in ascending order among
 * those nobody funds this year yet. So a ceiling scenario lists exactly the people a real decision
 * with that ceiling would fund, were it taken now. Segments whose people the scenario assumes
 * have no roster to list.
 */
export async function scenarioPeople(
  deps: SimulationDependencies & { scenarios: Pick<ScenarioStore, 'rememberedCut' | 'rememberCut'> },
  query: ScenarioRef & { segment: string; bucket: number; after?: string; limit: number },
): Promise<{ segment: string; bucket: number; people: { nik: string; name: string; birthDate: string; gender: 'L' | 'P'; funded: boolean }[]; after?: string }> {
  const { inputs, pending } = await simulationInputs(deps, query, pricingNeedsAges);
  const { scenario } = inputs;
  const priced = priceScenario(inputs);
  const cohort = priced.cohorts[0]!;
  const funding = priced.ceiling?.segments ?? fundEveryone(cohort.segments);
  const listable = (code: string) => listsRosterPeople(scenario, code);
  const allocation = listable(query.segment) ? funding.find((f) => f.segment === query.segment) : undefined;
  if (!allocation) {
    const segments = funding.map((f) => f.segment).filter(listable);
    throw new InvalidInputError(`Scenario ${scenario.id} has no roster people to list in segment ${query.segment}`, [
      { path: 'query.segment', message: segments.length ? `must be one of ${segments.join(', ')}` : 'the scenario assumes the people of every segment' },
    ]);
  }
  const scope = { regulationId: query.regulationId, scenarioId: query.scenarioId, version: scenario.version, year: scenario.year, segment: query.segment };
  const settled = await rememberedSettle(deps, scope, allocation, { basis: { regulationVersion: inputs.regulation.version, rosterVersion: inputs.roster.version, rateScheduleVersion: priced.schedule.version }, cohort, pending });
  const page = await deps.roster.segmentPeople(query.regulationId, scenario.year, query.segment, query.bucket, query.after, query.limit);
  return {
    segment: query.segment,
    bucket: query.bucket,
    people: page.people.map((person) => ({ nik: person.nik, name: person.name, birthDate: person.birthDate, gender: person.gender, funded: isFunded(settled, person.nik) })),
    ...(page.more && page.people.length > 0 ? { after: page.people.at(-1)!.nik } : {}),
  };
}

/**
 * The allocation with its cut settled, as settleCut settles it, once per listing: settling reads
 * the segment's people up to the cut, so each page of a listing asks the store for the NIK the
 * first page found. The key holds all the cut depends on (the scenario's version, the versions of
 * regulation, roster and rates, the people funded this year already, the pending cohorts and the
 * allocation itself), so a change to any of them settles it afresh.
 */
async function rememberedSettle<A extends FundedSegment>(
  deps: SimulationDependencies & { scenarios: Pick<ScenarioStore, 'rememberedCut' | 'rememberCut'> },
  scope: { regulationId: string; scenarioId: string; version: number; year: number; segment: string },
  allocation: A,
  basis: { basis: SimulationResult['basis']; cohort: SimulatedCohort; pending: readonly PendingCohort[] },
): Promise<A> {
  if (!isCut(allocation)) return allocation;
  const segment = basis.cohort.segments.find((s) => s.segment === scope.segment);
  const key = createHash('sha256')
    .update(canonicalJson({ scope, basis: basis.basis, alreadyFunded: segment?.alreadyFunded ?? 0, pending: basis.pending, allocation }))
    .digest('hex');
  const remembered = await deps.scenarios.rememberedCut(scope.regulationId, key);
  if (remembered !== undefined) return { ...allocation, ...(remembered ? { lastFundedNik: remembered } : {}) };
  const settled = await settleCut(allocation, (bucket) => unfundedNiks(deps, { regulationId: scope.regulationId, year: scope.year, segment: scope.segment, bucket }, basis.pending));
  await deps.scenarios.rememberCut(scope.regulationId, key, settled.lastFundedNik ?? null);
  return settled;
}
