import {
  INSURER_MAX_BATCH_SIZE,
  type Insurer,
  type RegisterBatchRequest,
  type Registration,
  type RegistrationResult,
} from '../../core/enrollment/insurer-port';
import type { MemberAnswer } from '../../core/enrollment/member-answer';
import type { MemberFileStore } from '../../core/enrollment/member-file-store';
import { runIdOf } from '../../core/enrollment/run-identity';

/**
 * The insurer port over the file exchange with a BPJS Ketenagakerjaan branch, for one proposal:
 * the office sends the branch the registration file, the branch returns its member file, and
 * Lindung stores its answers (MemberFileStore). Registering a batch answers each person from
 * those answers: registered under the branch's KPJ, refused with the branch's reason, or, with
 * no answer yet, AWAITING_BRANCH, which a retry of the run's failures after the next member file
 * settles. The run's ledger, money and tallies are the partner API's: only this adapter differs.
 *
 * The answers for the same stored member file are the same whatever the idempotency key, so a
 * resent page is answered as before and nobody is registered twice by a resend.
 */
export class FileExchangeInsurer implements Insurer {
  /** One BatchGetItem reads the answers of at most 100 people. */
  readonly maxBatchSize = INSURER_MAX_BATCH_SIZE;

  constructor(
    private readonly memberFiles: Pick<MemberFileStore, 'answers'>,
    private readonly proposalId: string,
  ) {}

  async registerBatch(request: RegisterBatchRequest): Promise<RegistrationResult[]> {
    if (request.people.length === 0) return [];
    const answers = await this.memberFiles.answers(this.proposalId, request.people.map((person) => person.nik));
    return request.people.map((person) => this.resultOf(person, answers.get(person.nik)));
  }

  private resultOf(person: Registration, answer: MemberAnswer | undefined): RegistrationResult {
    if (!answer) {
      return {
        nik: person.nik,
        outcome: 'rejected',
        reason: 'AWAITING_BRANCH',
        message:
          'The BPJS Ketenagakerjaan branch has not answered for this person yet. Import its member file ' +
          `(\`npx lindung enroll member-file --proposal ${this.proposalId} FILE\`), then retry the failed people ` +
          `(\`npx lindung enroll retry ${runIdOf(this.proposalId)} --wait\`).`,
      };
    }
    if (answer.status === 'refused') {
      return {
        nik: person.nik,
        outcome: 'rejected',
        reason: 'REFUSED_BY_BRANCH',
        message: `The BPJS Ketenagakerjaan branch refused the registration (member file row ${answer.row}): ${answer.reason ?? 'no reason given'}.`,
      };
    }
    return {
      nik: person.nik,
      outcome: 'registered',
      kpj: answer.kpj,
      // The branch's dates when it gave them (cover from the day the branch registered someone), else those asked for.
      coverageStart: answer.coverageStart ?? person.coverageStart,
      coverageEnd: answer.coverageEnd ?? person.coverageEnd,
    };
  }
}
