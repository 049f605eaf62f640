import type { ProposalStore } from '../budget/proposal-store';
import { requireProposal } from '../budget/require-proposal';
import { ConflictError, InvalidInputError } from '../errors';
import { maskNik } from '../people/personal-data';
import type { MemberAnswer } from './member-answer';
import type { MemberFileStore } from './member-file-store';

export interface ReceivedAnswers {
  seq: number;
  answers: number;
  registered: number;
  refused: number;
}

/**
 * Stores one chunk of the BPJS branch's member file for a proposal: each answer replaces the
 * earlier one for its NIK, so sending a chunk again stores the same answers, and a corrected file
 * sent later wins. A member file answers a registration file, which only an approved proposal
 * has. Whom the answers register is decided when a run (or a retry) sends the people: answers for
 * people the proposal does not fund are never read.
 */
export async function receiveMemberAnswers(
  deps: { proposals: Pick<ProposalStore, 'get'>; memberFiles: MemberFileStore },
  proposalId: string,
  seq: number,
  answers: readonly MemberAnswer[],
): Promise<ReceivedAnswers> {
  const proposal = requireProposal(await deps.proposals.get(proposalId), proposalId);
  if (proposal.status !== 'approved' || !proposal.allocation) {
    throw new ConflictError(
      `Proposal ${proposalId} is ${proposal.status}: a member file answers the registration file of an approved proposal. See \`npx lindung budget show ${proposalId}\`.`,
    );
  }
  // Within a chunk the order of writes is not the order of rows: two answers for one person would leave either.
  const firstRow = new Map<string, number>();
  const repeats: { path: string; message: string }[] = [];
  for (const answer of answers) {
    const first = firstRow.get(answer.nik);
    if (first === undefined) firstRow.set(answer.nik, answer.row);
    else repeats.push({ path: `row ${answer.row}`, message: `NIK ${maskNik(answer.nik)} is answered in row ${first} already; keep one row per person` });
  }
  if (repeats.length > 0) throw new InvalidInputError('The member file answers a person twice', repeats.slice(0, 20));

  await deps.memberFiles.put(proposalId, answers);
  const registered = answers.filter((answer) => answer.status === 'registered').length;
  return { seq, answers: answers.length, registered, refused: answers.length - registered };
}
