import { z } from 'zod';
import { IsoDate, IsoMonth } from '../calendar/calendar';
import type { Caller } from '../access/roles';
import { cohortStarting } from '../budget/cohort-months';
import type { ProposalRecord } from '../budget/proposal-record';
import type { ProposalStore } from '../budget/proposal-store';
import { proposeBudget } from '../budget/propose-budget';
import { ConflictError, InvalidInputError } from '../errors';
import type { RegulationStore } from '../regulation/regulation-store';
import { requireRegulation } from '../regulation/require-regulation';
import type { WorkflowStarter } from '../workflow-starter';
import { requireScenario } from './run-simulation';
import { type Scenario, scenarioStartMonth } from './scenario';
import { amendmentOf } from './scenario-amendment';
import type { ScenarioStore } from './scenario-store';

export const ScenarioProposalRequest = z
  .strictObject({
    /** The version of the scenario the caller read: the proposal names it, whatever is saved later. */
    version: z.number().int().positive(),
    /** Which of the scenario's cohorts, by its first month; absent, its first (the roster's). */
    startMonth: IsoMonth.optional(),
    /** Undecided by this date, the proposal expires (default as for any proposal). */
    decideBy: IsoDate.optional(),
    /** Chosen by the client, so that a retried request creates one proposal. */
    clientToken: z.string().min(8).max(64),
  })
  .meta({ id: 'ScenarioProposalRequest' });

/** The first months of a scenario's cohorts, in order: the roster's, then each mid-year one. */
export function scenarioCohortStarts(scenario: Pick<Scenario, 'year' | 'startMonth' | 'cohorts'>): IsoMonth[] {
  return [scenarioStartMonth(scenario), ...(scenario.cohorts ?? []).map((cohort) => cohort.startMonth)];
}

/**
 * Requests a real budget proposal for one of a saved scenario's cohorts: the normal proposal,
 * computed by its workflow from the roster and rates as they are, waiting for finance, where
 * whoever requested it may not decide it (separation-of-duties.ts). It names the scenario and its
 * version, in the record and its audit event. A scenario that rules something new (segments,
 * targets, priorities, incomes or age windows) is refused: its amendment is applied first, through
 * the normal path, so that the proposal is computed from the regulation the scenario assumed.
 * What a scenario only assumes (people, growth, a ceiling) is no part of a request: the proposal
 * counts the roster, and finance decides any ceiling.
 */
export async function proposeFromScenario(
  stores: { scenarios: Pick<ScenarioStore, 'get'>; regulations: RegulationStore; proposals: ProposalStore; workflows: WorkflowStarter },
  ref: { regulationId: string; scenarioId: string },
  request: z.output<typeof ScenarioProposalRequest>,
  caller: Caller,
  now: Date,
): Promise<ProposalRecord> {
  const scenario = requireScenario(await stores.scenarios.get(ref.regulationId, ref.scenarioId, request.version), { ...ref, version: request.version });
  const regulation = requireRegulation(await stores.regulations.current(ref.regulationId), ref.regulationId);
  const { changes } = amendmentOf(regulation, scenario);
  if (changes.length > 0) {
    throw new ConflictError(
      `Scenario ${scenario.id} (version ${scenario.version}) changes regulation ${regulation.id} (${changes.map((change) => change.path).join(', ')}), so a proposal now would not be the one it simulates. ` +
        `Apply its amendment first (\`npx lindung simulate draft ${scenario.id} --regulation ${regulation.id} -o perubahan.yaml\`, then \`npx lindung regulation apply -f perubahan.yaml\` by an admin), then request the proposal again.`,
    );
  }
  const starts = scenarioCohortStarts(scenario);
  const startMonth = request.startMonth ?? starts[0]!;
  if (!starts.includes(startMonth)) {
    throw new InvalidInputError(`Scenario ${scenario.id} has no cohort starting ${startMonth}`, [{ path: 'body.startMonth', message: `must be one of ${starts.join(', ')}` }]);
  }
  const cohort = cohortStarting(startMonth);
  return proposeBudget(
    stores,
    {
      regulationId: regulation.id,
      year: scenario.year,
      cohort,
      ...(cohort === 'perubahan' ? { startMonth } : {}),
      ...(request.decideBy ? { decideBy: request.decideBy } : {}),
      clientToken: request.clientToken,
    },
    caller,
    now,
    { scenario: { scenarioId: scenario.id, version: scenario.version } },
  );
}
