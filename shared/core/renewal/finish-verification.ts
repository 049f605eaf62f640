import { auditEvent } from '../audit/audit-event';
import { SYSTEM_CALLER } from '../access/system-caller';
import { lastYearCohort } from '../budget/last-year-cohort';
import type { ProposalStore } from '../budget/proposal-store';
import type { RegulationStore } from '../regulation/regulation-store';
import { requireRegulation } from '../regulation/require-regulation';
import type { ImportStore } from '../roster/import-store';
import type { RosterLedger } from '../roster/roster-ledger';
import { renewalDiff } from './bucket-diff';
import { requireRenewal } from './require-renewal';
import type { RenewalStore } from './renewal-store';
import { RosterBusyError } from './roster-busy-error';
import { formatCount } from '../people/people-count';

/**
 * After every bucket is carried forward: the diff of the whole roster, and the new year's
 * headcount recounted from its entries as the regulation's roster (a new version, so that older
 * proposals read as stale). A recount rather than adding changes, so that any number of re-runs
 * and attempts leave the exact headcount.
 *
 * An import of the new year adds its changes to the headcount when it completes. While one is
 * processing, its entries may already be counted here, so the step waits (RosterBusyError, retried);
 * one that completes between the recount and the write changes the version, which the write checks.
 */
export async function finishVerification(
  stores: { renewals: RenewalStore; regulations: RegulationStore; imports: ImportStore; proposals: Pick<ProposalStore, 'list'> },
  roster: Pick<RosterLedger, 'headcount'>,
  input: { regulationId: string; year: number; attempt: number },
  now: Date,
): Promise<{ status: string }> {
  const record = requireRenewal(await stores.renewals.get(input.regulationId, input.year), input.regulationId, input.year);
  if (record.attempt !== input.attempt || record.status !== 'verifying' || record.diff) return { status: record.status };
  const imports = await stores.imports.listForRegulation(input.regulationId);
  const processing = imports.find((i) => i.year === input.year && i.status === 'processing');
  if (processing) throw new RosterBusyError(input.regulationId, input.year, `import ${processing.importId} is processing`);

  const rosterVersion = (await stores.imports.rosterSummary(input.regulationId, input.year))?.version ?? 0;
  const headcount = await roster.headcount(input.regulationId, input.year);
  const regulation = requireRegulation(await stores.regulations.version(record.regulationId, record.regulationVersion), record.regulationId);
  // Last year is the cohort the budgets funded (one definition, shared with the proposal page);
  // the buckets count how the roster moved.
  const lastYear = lastYearCohort(await stores.proposals.list({ regulationId: input.regulationId }), input.regulationId, input.year);
  const order = [...regulation.segments].sort((a, b) => a.priority - b.priority).map((s) => s.code);
  const noLongerInRegulation = [...lastYear.keys()].filter((segment) => !order.includes(segment));
  const diff = renewalDiff(await stores.renewals.bucketDiffs(input.regulationId, input.year, input.attempt), record.fromYear, record.year, [...order, ...noLongerInRegulation]);
  for (const row of diff.segments) {
    row.previous = lastYear.get(row.segment)?.funded ?? 0;
    row.next = headcount[row.segment] ?? 0;
  }
  diff.totals.previous = diff.segments.reduce((sum, row) => sum + row.previous, 0);
  diff.totals.next = diff.segments.reduce((sum, row) => sum + row.next, 0);

  const stored = await stores.renewals.finishVerification(
    { ...record, diff },
    headcount,
    rosterVersion,
    auditEvent({
      caller: SYSTEM_CALLER,
      at: now,
      action: 'renewal.verified',
      entityType: 'regulation',
      entityId: record.regulationId,
      summary:
        `Verified the ${record.fromYear} roster for ${record.year}: ${formatCount(diff.totals.unchanged)} renewed, ${formatCount(diff.totals.joiners)} joined, ` +
        `${formatCount(diff.totals.leavers)} left${describeReasons(diff.leaverReasons)}; ${formatCount(diff.totals.next)} people on the ${record.year} roster`,
    }),
  );
  if (!stored) throw new RosterBusyError(input.regulationId, input.year, 'it changed while it was recounted');
  return { status: record.status };
}

function describeReasons(reasons: Record<string, number | undefined>): string {
  const parts = Object.entries(reasons).flatMap(([reason, n]) => (n ? [`${formatCount(n)} ${reason}`] : []));
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
