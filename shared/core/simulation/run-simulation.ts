import { alreadyFundedOnRoster, type RosterFundingDependencies } from '../budget/roster-funding';
import { type FundingContextStores, fundingContext } from '../budget/funding-context';
import { NotFoundError } from '../errors';
import { loadRateSchedule } from '../money/rates/rate-schedule';
import { requireRegulation } from '../regulation/require-regulation';
import type { RosterLedger } from '../roster/roster-ledger';
import type { PendingCohort } from '../budget/funded-this-year';
import type { Scenario } from './scenario';
import type { ScenarioStore } from './scenario-store';
import { type SimulationInputs, simulateScenario } from './simulate-scenario';
import type { SimulationResult } from './simulation-result';

export type SimulationDependencies = FundingContextStores &
  RosterFundingDependencies & {
    scenarios: Pick<ScenarioStore, 'get'>;
    roster: Pick<RosterLedger, 'segmentPeople' | 'segmentNiks' | 'bucketPeopleAsRefreshed' | 'ageProfile'>;
  };

export interface ScenarioRef {
  regulationId: string;
  scenarioId: string;
  version?: number;
}

/**
 * Simulates a saved scenario against the regulation, roster and funding as they are now: the
 * roster's headcount and ages, the people funded this year already (funded-this-year.ts, as a
 * proposal made now would count them) and the shipped rate schedule. Reads only.
 */
export async function runSimulation(deps: SimulationDependencies, ref: ScenarioRef): Promise<SimulationResult> {
  return simulateScenario((await simulationInputs(deps, ref, () => true)).inputs);
}

/**
 * What simulating a saved scenario reads. The roster's ages are read only when `wantsAges` says
 * the caller needs them (a person list needs them only to price a changed age window); without,
 * the profile is empty.
 */
export async function simulationInputs(
  deps: SimulationDependencies,
  ref: ScenarioRef,
  wantsAges: (scenario: Scenario) => boolean,
): Promise<{ inputs: SimulationInputs & { scenario: Scenario }; funding: { pending: PendingCohort[]; lookUpPeople: boolean } }> {
  const scenario = requireScenario(await deps.scenarios.get(ref.regulationId, ref.scenarioId, ref.version), ref);
  const regulation = requireRegulation(await deps.regulations.current(ref.regulationId), ref.regulationId);
  const scope = { regulationId: ref.regulationId, year: scenario.year };
  const [summary, funding, profile] = await Promise.all([
    deps.imports.rosterSummary(ref.regulationId, scenario.year),
    fundingContext(deps, scope),
    wantsAges(scenario) ? deps.roster.ageProfile(ref.regulationId, scenario.year) : {},
  ]);
  const segments = regulation.segments.map((segment) => segment.code);
  return {
    inputs: {
      scenario,
      regulation,
      roster: { version: summary?.version ?? 0, segments: summary?.segments ?? {} },
      profile,
      // Before anyone of the year can be funded, nobody on the roster is funded already: no lookups.
      alreadyFunded: funding.lookUpPeople ? await alreadyFundedOnRoster(deps, { ...scope, segments }, funding.pending) : {},
      schedule: loadRateSchedule(),
    },
    funding,
  };
}

/** The scenario, or a 404 that says how to find the right id. */
export function requireScenario(scenario: Scenario | undefined, ref: ScenarioRef): Scenario {
  if (scenario) return scenario;
  const what = ref.version === undefined ? `Scenario ${ref.scenarioId}` : `Version ${ref.version} of scenario ${ref.scenarioId}`;
  throw new NotFoundError(`${what} of regulation ${ref.regulationId} does not exist. List them with \`npx lindung simulate list --regulation ${ref.regulationId}\`.`);
}
