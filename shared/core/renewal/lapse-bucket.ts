import type { LapseReason, RenewalPerson } from './renewal';
import type { ProposalRecord } from '../budget/proposal-record';
import { isFunded } from '../budget/funded-by-allocation';
import type { RosterLedger } from '../roster/roster-ledger';
import type { CoverLedger } from './cover-ledger';

export type LapseCounts = Partial<Record<LapseReason, number>>;

/** Pages of people covered last year; each page is one BatchGet of their new-year entries. */
const PAGE = 500;

/**
 * Closing, for one NIK bucket: everyone the regulation covered last year whose cover is not
 * renewed lapses on the day it ended (31 December, or earlier for a death or a removal), with the
 * reason: why they left the roster (the diff), or the budget's fate (rejected, undecided, or a
 * ceiling that left them out). Written as the renewal's lapse list; re-running writes the same.
 */
export async function lapseBucket(
  ports: { cover: CoverLedger; roster: Pick<RosterLedger, 'entries'>; writeLapses: (people: RenewalPerson[]) => Promise<void> },
  context: { regulationId: string; year: number; attempt: number; bucket: number; proposal: ProposalRecord | undefined },
): Promise<LapseCounts> {
  const { regulationId, year, bucket, proposal } = context;
  const counts: LapseCounts = {};
  let after: string | undefined;
  for (let more = true; more; ) {
    const page = await ports.cover.coveredPage(regulationId, year - 1, bucket, after, PAGE);
    more = page.more && page.entries.length > 0;
    after = page.entries.at(-1)?.nik;
    const niks = page.entries.map((entry) => entry.nik);
    if (niks.length === 0) break;
    const [next, leavers] = await Promise.all([
      ports.roster.entries(year, niks),
      ports.cover.listed({ regulationId, year, attempt: context.attempt, kind: 'leavers', bucket }, niks),
    ]);
    const lapses: RenewalPerson[] = [];
    for (const covered of page.entries) {
      const entry = next.get(covered.nik);
      let reason: LapseReason | undefined;
      if (covered.endReason) reason = covered.endReason;
      else if (!entry || entry.regulationId !== regulationId) reason = leavers.get(covered.nik)?.reason ?? 'other-regulation';
      else reason = budgetReason(proposal, entry.segment, covered.nik);
      if (!reason) continue;
      counts[reason] = (counts[reason] ?? 0) + 1;
      lapses.push({ nik: covered.nik, name: covered.name, segment: covered.segment, reason, date: covered.coverageEnd ?? `${year - 1}-12-31` });
    }
    if (lapses.length > 0) await ports.writeLapses(lapses);
  }
  return counts;
}

/** Undefined when the approved budget funds the person: renewed. */
function budgetReason(proposal: ProposalRecord | undefined, segment: string, nik: string): LapseReason | undefined {
  if (proposal?.status === 'rejected') return 'budget-rejected';
  if (proposal?.status !== 'approved') return 'budget-undecided';
  const allocation = proposal.allocation?.find((a) => a.segment === segment);
  return allocation && isFunded(allocation, nik) ? undefined : 'not-funded';
}
