import { fundEveryone } from '../budget/allocate-ceiling';
import { isFunded, settleCut } from '../budget/funded-by-allocation';
import { unfundedNiks } from '../budget/roster-funding';
import { InvalidInputError } from '../errors';
import type { ScenarioInput } from './scenario';
import { runSimulation, type ScenarioRef, type SimulationDependencies } from './run-simulation';

/**
 * Whether a scenario's segment is its roster's people, so that who it funds can be listed: not
 * when the scenario assumes the people (a new segment, or `people`) or counts them by a changed
 * age window.
 */
export function listsRosterPeople(scenario: Pick<ScenarioInput, 'addSegments' | 'segments'>, code: string): boolean {
  return !scenario.addSegments?.some((s) => s.code === code) && scenario.segments?.[code]?.people === undefined && scenario.segments?.[code]?.eligibility === undefined;
}

/** People per page: one roster read. */
const PAGE_SIZE = 500;

/**
 * Who a scenario funds of one segment of its roster's cohort, a NIK bucket at a time, by the one
 * rule real decisions use (funded-by-allocation.ts): a segment funded whole, not at all, or, when
 * a ceiling or a quota cuts it, everyone up to the NIK the cut settles on in ascending order among
 * those nobody funds this year yet. So a ceiling scenario lists exactly the people a real decision
 * with that ceiling would fund, were it taken now. Segments whose people the scenario assumes
 * have no roster to list.
 */
export async function scenarioPeople(
  deps: SimulationDependencies,
  query: ScenarioRef & { segment: string; bucket: number; after?: string },
): Promise<{ segment: string; bucket: number; people: { nik: string; name: string; birthDate: string; gender: 'L' | 'P'; funded: boolean }[]; after?: string }> {
  const { result, scenario, pending } = await runSimulation(deps, query);
  const cohort = result.cohorts[0]!;
  const funding = result.ceiling?.segments ?? fundEveryone(cohort.segments);
  const listable = (code: string) => listsRosterPeople(scenario, code);
  const allocation = listable(query.segment) ? funding.find((f) => f.segment === query.segment) : undefined;
  if (!allocation) {
    const segments = funding.map((f) => f.segment).filter(listable);
    throw new InvalidInputError(`Scenario ${scenario.id} has no roster people to list in segment ${query.segment}`, [
      { path: 'query.segment', message: segments.length ? `must be one of ${segments.join(', ')}` : 'the scenario assumes the people of every segment' },
    ]);
  }
  const scope = { regulationId: query.regulationId, year: scenario.year, segment: query.segment };
  const settled = await settleCut(allocation, (bucket) => unfundedNiks(deps, { ...scope, bucket }, pending));
  const page = await deps.roster.segmentPeople(query.regulationId, scenario.year, query.segment, query.bucket, query.after, PAGE_SIZE);
  return {
    segment: query.segment,
    bucket: query.bucket,
    people: page.people.map((person) => ({ nik: person.nik, name: person.name, birthDate: person.birthDate, gender: person.gender, funded: isFunded(settled, person.nik) })),
    ...(page.more && page.people.length > 0 ? { after: page.people.at(-1)!.nik } : {}),
  };
}
