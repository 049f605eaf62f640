import { fundEveryone } from '../budget/allocate-ceiling';
import { createHash } from 'node:crypto';
import { type FundedSegment, isCut, isFunded, settleCut } from '../budget/funded-by-allocation';
import type { PendingCohort } from '../budget/funded-this-year';
import { canonicalJson } from '../../lib/canonical-json';
import { utf8Length } from '../../lib/utf8-length';
import type { ScenarioStore } from './scenario-store';
import type { SimulatedCohort, SimulationResult } from './simulation-result';
import { unfundedNiks } from '../budget/roster-funding';
import { InvalidInputError } from '../errors';
import type { SegmentMember } from '../roster/roster-ledger';
import type { ScenarioInput } from './scenario';
import { type ScenarioRef, type SimulationDependencies, simulationInputs } from './run-simulation';
import { priceScenario, pricingNeedsAges } from './simulate-scenario';

/**
 * The most people a page may ask for, and the most JSON it may hold: a person with a name of 30
 * letters is about 170 bytes of JSON, so a full page is about 3.4 MB; the byte bound keeps a page
 * of long names under a Lambda response's 6 MB too.
 */
export const MAX_SCENARIO_PEOPLE_PAGE = 20_000;
const MAX_PAGE_BYTES = 4_000_000;
/** What a listed person adds to a page's JSON besides the name: keys, NIK, birth date, a segment code of up to 32, `false`. */
const PERSON_BYTES = 140;

/** A listed person: who, in which segment, and whether the scenario funds them. */
export interface ScenarioPerson extends SegmentMember {
  funded: boolean;
}

/**
 * Whether a scenario's segment is its roster's people, so that who it funds can be listed: not
 * when the scenario assumes the people (a new segment, or `people`) or counts them by a changed
 * age window.
 */
export function listsRosterPeople(scenario: Pick<ScenarioInput, 'addSegments' | 'segments'>, code: string): boolean {
  return !scenario.addSegments?.some((s) => s.code === code) && scenario.segments?.[code]?.people === undefined && scenario.segments?.[code]?.eligibility === undefined;
}

/** Where a listing goes on from: the last person a page read, as `<segment>:<nik>`. */
export function peopleCursor(person: { segment: string; nik: string }): string {
  return `${person.segment}:${person.nik}`;
}

/**
 * Who a scenario funds of its roster's cohort, a NIK bucket at a time (of one segment, or of all
 * it lists, in segment and NIK order), by the one rule real decisions use
 * (funded-by-allocation.ts): a segment funded whole, not at all, or, when a ceiling or a quota
 * cuts it, everyone up to the NIK the cut settles on in ascending order among those nobody funds
 * this year yet. So a ceiling scenario lists exactly the people a real decision with that
 * ceiling would fund, were it taken now. Segments whose people the scenario assumes, or which it
 * removes, have no roster to list. The people are read as the roster's writers last packed them
 * (RosterLedger.bucketPeopleAsRefreshed); the cut is settled from the entries, as a decision's is.
 */
export async function scenarioPeople(
  deps: SimulationDependencies & { scenarios: Pick<ScenarioStore, 'rememberedCut' | 'rememberCut'> },
  query: ScenarioRef & { segment?: string; bucket: number; after?: { segment: string; nik: string }; limit: number },
): Promise<{ segment?: string; bucket: number; people: ScenarioPerson[]; after?: string }> {
  const { inputs, funding } = await simulationInputs(deps, query, pricingNeedsAges);
  const { scenario } = inputs;
  const priced = priceScenario(inputs);
  const cohort = priced.cohorts[0]!;
  const allocations = (priced.ceiling?.segments ?? fundEveryone(cohort.segments)).filter((f) => listsRosterPeople(scenario, f.segment));
  if (query.segment !== undefined && !allocations.some((f) => f.segment === query.segment)) {
    const segments = allocations.map((f) => f.segment);
    throw new InvalidInputError(`Scenario ${scenario.id} has no roster people to list in segment ${query.segment}`, [
      { path: 'query.segment', message: segments.length ? `must be one of ${segments.join(', ')}` : 'the scenario assumes the people of every segment' },
    ]);
  }
  if (query.segment !== undefined && query.after && query.after.segment !== query.segment) {
    throw new InvalidInputError(`A page of segment ${query.segment} goes on after a person of that segment`, [{ path: 'query.after', message: `must start with ${query.segment}:` }]);
  }
  const basis = { basis: { regulationVersion: inputs.regulation.version, rosterVersion: inputs.roster.version, rateScheduleVersion: priced.schedule.version }, cohort, funding };
  const listed = allocations.filter((f) => query.segment === undefined || f.segment === query.segment);
  const settled = new Map(
    await Promise.all(
      listed.map(async (allocation) => {
        const scope = { regulationId: query.regulationId, scenarioId: query.scenarioId, version: scenario.version, year: scenario.year, segment: allocation.segment };
        return [allocation.segment, await rememberedSettle(deps, scope, allocation, basis)] as const;
      }),
    ),
  );
  const page = await deps.roster.bucketPeopleAsRefreshed(query.regulationId, scenario.year, query.bucket, {
    ...(query.segment !== undefined ? { segment: query.segment } : {}),
    ...(query.after ? { after: query.after } : {}),
    limit: query.limit,
  });
  return {
    ...(query.segment !== undefined ? { segment: query.segment } : {}),
    bucket: query.bucket,
    ...fundedPage(page, settled),
  };
}

/**
 * A page of the roster as the scenario funds it: each person of a listed segment with `funded`,
 * up to MAX_PAGE_BYTES of JSON, and where the next page starts when any are left. People of a
 * segment the scenario removes or assumes are on the roster but not in its cohort: they are
 * passed over, and the next page still starts after them.
 */
export function fundedPage(read: { people: readonly SegmentMember[]; more: boolean }, settled: ReadonlyMap<string, FundedSegment>): { people: ScenarioPerson[]; after?: string } {
  const people: ScenarioPerson[] = [];
  let bytes = 0;
  let last: SegmentMember | undefined;
  for (const person of read.people) {
    bytes += PERSON_BYTES + utf8Length(JSON.stringify(person.name));
    if (bytes > MAX_PAGE_BYTES) break;
    last = person;
    const allocation = settled.get(person.segment);
    if (allocation) people.push({ ...person, funded: isFunded(allocation, person.nik) });
  }
  const more = read.more || last !== read.people.at(-1);
  return { people, ...(more && last ? { after: peopleCursor(last) } : {}) };
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
  basis: { basis: SimulationResult['basis']; cohort: SimulatedCohort; funding: { pending: readonly PendingCohort[]; lookUpPeople: boolean } },
): Promise<A> {
  if (!isCut(allocation)) return allocation;
  const segment = basis.cohort.segments.find((s) => s.segment === scope.segment);
  const key = createHash('sha256')
    .update(canonicalJson({ scope, basis: basis.basis, alreadyFunded: segment?.alreadyFunded ?? 0, pending: basis.funding.pending, allocation }))
    .digest('hex');
  const remembered = await deps.scenarios.rememberedCut(scope.regulationId, key);
  if (remembered !== undefined) return { ...allocation, ...(remembered ? { lastFundedNik: remembered } : {}) };
  const settled = await settleCut(allocation, (bucket) => unfundedNiks(deps, { regulationId: scope.regulationId, year: scope.year, segment: scope.segment, bucket }, basis.funding));
  await deps.scenarios.rememberCut(scope.regulationId, key, settled.lastFundedNik ?? null);
  return settled;
}
