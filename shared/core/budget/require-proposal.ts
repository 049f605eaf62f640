import { NotFoundError } from '../errors';
import type { ProposalRecord } from './proposal-record';

export function requireProposal(record: ProposalRecord | undefined, proposalId: string): ProposalRecord {
  if (record) return record;
  throw new NotFoundError(`Proposal ${proposalId} does not exist. List proposals with \`npx lindung budget list\`.`);
}
