import { NotFoundError } from '../errors';
import type { ImportRecord } from './import-record';

export function requireImport(record: ImportRecord | undefined, importId: string): ImportRecord {
  if (record) return record;
  throw new NotFoundError(`Import ${importId} does not exist. List a regulation's imports with \`npx lindung roster imports --regulation ID\`.`);
}
