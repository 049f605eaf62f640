import type { MemberAnswer } from './member-answer';

/**
 * Port: the BPJS branch's answers to a proposal's registration file, one per person. A later
 * answer for a NIK replaces the earlier one, so a branch can send a corrected member file.
 */
export interface MemberFileStore {
  /** Stores the answers of one chunk of a member file, each replacing the proposal's earlier answer for its NIK. */
  put(proposalId: string, answers: readonly MemberAnswer[]): Promise<void>;
  /** The stored answers of these people, by NIK (strongly consistent); people without one are absent. */
  answers(proposalId: string, niks: readonly string[]): Promise<Map<string, MemberAnswer>>;
}
