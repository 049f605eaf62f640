import { InvalidInputError } from '../errors';
import { isFunded } from './funded-by-allocation';
import type { ProposalStore } from './proposal-store';
import { requireProposal } from './require-proposal';
import type { RosterLedger } from '../roster/roster-ledger';

/** People per page: one roster read. */
const PAGE_SIZE = 500;

/**
 * Who a decision funds in one segment, a NIK bucket at a time (funded-by-allocation.ts):
 * everyone, no one, or (for the segment a ceiling cuts) everyone up to its last funded NIK.
 * With each person's birth date and gender, which a registration file for the BPJS branch needs
 * (the file channel); the NIK already encodes both, so they tell no reader anything new.
 */
export async function proposalPeople(
  deps: { proposals: Pick<ProposalStore, 'get'>; roster: Pick<RosterLedger, 'segmentPeople'> },
  query: { proposalId: string; segment: string; bucket: number; after?: string },
): Promise<{ segment: string; bucket: number; people: { nik: string; name: string; birthDate: string; gender: 'L' | 'P'; funded: boolean }[]; after?: string }> {
  const record = requireProposal(await deps.proposals.get(query.proposalId), query.proposalId);
  const allocation = record.allocation?.find((a) => a.segment === query.segment);
  if (!allocation) {
    throw new InvalidInputError(`Proposal ${record.proposalId} has no allocation for segment ${query.segment}`, [
      { path: 'query.segment', message: record.allocation ? `must be one of ${record.allocation.map((a) => a.segment).join(', ')}` : 'the proposal is not approved yet' },
    ]);
  }
  const page = await deps.roster.segmentPeople(record.regulationId, record.year, query.segment, query.bucket, query.after, PAGE_SIZE);
  return {
    segment: query.segment,
    bucket: query.bucket,
    people: page.people.map((person) => ({ nik: person.nik, name: person.name, birthDate: person.birthDate, gender: person.gender, funded: isFunded(allocation, person.nik) })),
    ...(page.more && page.people.length > 0 ? { after: page.people.at(-1)!.nik } : {}),
  };
}
