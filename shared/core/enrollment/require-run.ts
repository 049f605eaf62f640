import { NotFoundError } from '../errors';
import type { RunRecord } from './run-record';

export function requireRun(record: RunRecord | undefined, runId: string): RunRecord {
  if (record) return record;
  throw new NotFoundError(`Enrollment run ${runId} does not exist. List runs with \`npx lindung enroll list\`.`);
}
