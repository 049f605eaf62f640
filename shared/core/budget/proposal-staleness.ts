import type { CurrentVersions } from './current-versions';
import type { ProposalRecord } from './proposal-record';

/**
 * A proposal is stale when the regulation, the roster or the rates changed since the snapshot it
 * was computed from: its numbers no longer say what would be funded, so it cannot be reviewed,
 * decided or enrolled (nor fund anyone this year) until the budget is proposed again. Why it is
 * stale, one reason per change, empty when it is not.
 */
export function staleBecause(record: Pick<ProposalRecord, 'snapshot'>, current: CurrentVersions): string[] {
  const snapshot = record.snapshot;
  if (!snapshot) return [];
  const reasons: string[] = [];
  if (snapshot.rosterVersion !== current.rosterVersion) reasons.push(`the roster changed (version ${snapshot.rosterVersion} → ${current.rosterVersion})`);
  if (snapshot.rateScheduleVersion !== current.rateScheduleVersion) reasons.push(`the rates changed (${snapshot.rateScheduleVersion} → ${current.rateScheduleVersion})`);
  if (snapshot.regulationVersion !== current.regulationVersion) reasons.push(`the regulation was amended (version ${snapshot.regulationVersion} → ${current.regulationVersion})`);
  return reasons;
}

export function isStale(record: Pick<ProposalRecord, 'snapshot'>, current: CurrentVersions): boolean {
  return staleBecause(record, current).length > 0;
}
