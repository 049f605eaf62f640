import type { Proposal } from './proposal';
import type { RegulationStore } from '../regulation/regulation-store';
import type { ImportStore } from '../roster/import-store';
import { currentVersions } from './current-versions';
import type { ProposalRecord } from './proposal-record';
import { proposalView } from './proposal-view';
import { jakartaDate } from '../calendar/jakarta-date';

/** A stored proposal as people see it now (expired, stale), from the current versions. */
export async function viewProposal(stores: { regulations: RegulationStore; imports: ImportStore }, record: ProposalRecord, now: Date): Promise<Proposal> {
  return proposalView(record, await currentVersions(stores, record.regulationId, record.year), jakartaDate(now));
}
