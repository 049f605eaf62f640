import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { ProposeRequest } from './budget-requests';
import type { RenewalDiff } from '../renewal/renewal';
import { auditEvent } from '../audit/audit-event';
import { ConflictError } from '../errors';
import type { Caller } from '../access/roles';
import type { RegulationStore } from '../regulation/regulation-store';
import { requireMonthsInForce } from '../regulation/effective-period';
import { requireRegulation } from '../regulation/require-regulation';
import { cohortMonths } from './cohort-months';
import type { ScenarioSource } from './proposal';
import type { ProposalRecord } from './proposal-record';
import type { ProposalStore } from './proposal-store';
import type { WorkflowStarter } from '../workflow-starter';

/**
 * Opens a budget proposal for a regulation, fiscal year and cohort, and starts the budget-proposal
 * workflow that computes its numbers; the proposal waits for finance in `pending-decision` after
 * it. The execution is named after the proposal, so starting it again starts nothing new.
 */
export async function proposeBudget(
  stores: { proposals: ProposalStore; regulations: RegulationStore; workflows: WorkflowStarter },
  request: z.output<typeof ProposeRequest>,
  caller: Caller,
  now: Date,
  /**
   * Where the request comes from besides its caller: a renewal names its proposal (one per
   * attempt) and attaches its diff against last year; a scenario is named in the proposal.
   */
  origin: { renewal?: { proposalId: string; diff: RenewalDiff }; scenario?: ScenarioSource } = {},
): Promise<ProposalRecord> {
  const { renewal, scenario } = origin;
  const regulation = requireRegulation(await stores.regulations.current(request.regulationId), request.regulationId);
  // Only the months the regulation is in force for: a regulation ending mid-year funds fewer.
  const months = requireMonthsInForce(regulation, cohortMonths(request.year, request.cohort, request.startMonth), `the ${request.year} cohort`, 'year');
  const record: ProposalRecord = {
    proposalId: renewal?.proposalId ?? `bp-${request.year}-${randomBytes(6).toString('hex')}`,
    regulationId: regulation.id,
    regulationVersion: regulation.version,
    title: regulation.title,
    year: request.year,
    cohort: request.cohort,
    startMonth: months[0]!,
    endMonth: months.at(-1)!,
    // The APBD for a year is agreed by the end of the year before; a top-up within its own year.
    decideBy: request.decideBy ?? `${request.cohort === 'original' ? request.year - 1 : request.year}-12-31`,
    status: 'computing',
    requestedBy: caller.username,
    requestedByUserId: caller.userId,
    requestedAt: now.toISOString(),
    segments: [],
    total: 0,
    totalHeadcount: 0,
    ...(renewal ? { renewal: renewal.diff } : {}),
    ...(scenario ? { fromScenario: scenario } : {}),
  };
  const created = await stores.proposals.create(
    record,
    auditEvent({
      caller,
      at: now,
      action: 'budget.proposed',
      entityType: 'regulation',
      entityId: regulation.id,
      summary: `Requested budget proposal ${record.proposalId} for ${request.year} (${request.cohort === 'original' ? 'APBD' : `APBD-Perubahan from ${record.startMonth}`}${renewal ? ', renewal' : ''}${scenario ? `, from scenario ${scenario.scenarioId} version ${scenario.version}` : ''})`,
    }),
  );
  // A renewal names its proposal after its attempt: one an earlier run of its step created stands.
  if (!created && !renewal) throw new ConflictError(`Budget proposal ${record.proposalId} exists already. Send the request again.`);
  const executionArn = await stores.workflows.start('budgetProposal', record.proposalId, { proposalId: record.proposalId });
  await stores.proposals.setExecution(record.proposalId, executionArn);
  return record;
}
