import type { MemberAnswer } from '../../core/enrollment/member-answer';
import type { MemberFileStore } from '../../core/enrollment/member-file-store';
import { batchGet, batchWrite } from './batch-operations';
import { tableName } from './document-client';
import { enrollmentKeys } from './enrollment-keys';

/**
 * The BPJS branch's answers in the main table: `pk = MEMBERS#<proposalId>#B<bucket>`, `sk = <nik>`,
 * the answer's fields as attributes. A put replaces the item whole, so a later answer for a NIK
 * (a corrected member file) leaves nothing of the earlier one behind.
 */
export class DynamoDbMemberFileStore implements MemberFileStore {
  private readonly table = tableName('MAIN_TABLE');

  async put(proposalId: string, answers: readonly MemberAnswer[]): Promise<void> {
    await batchWrite(this.table, answers.map((answer) => ({ PutRequest: { Item: { ...enrollmentKeys.memberAnswer(proposalId, answer.nik), ...answer } } })));
  }

  async answers(proposalId: string, niks: readonly string[]): Promise<Map<string, MemberAnswer>> {
    const items = await batchGet(this.table, niks.map((nik) => enrollmentKeys.memberAnswer(proposalId, nik)));
    return new Map(items.map((item) => [item.nik as string, answerOf(item)]));
  }
}

function answerOf(item: Record<string, unknown>): MemberAnswer {
  const { pk: _pk, sk: _sk, ...answer } = item;
  return answer as MemberAnswer;
}
