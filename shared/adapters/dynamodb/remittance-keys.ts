import { attemptPart, bucketPart, zeroPadded } from './key-numbers';

/** Main-table keys of the insurer's bills, their reconciliation and the arrears watch (docs/data-model.md). */
export const remittanceKeys = {
  bill: (billId: string) => ({ pk: `BILL#${billId}`, sk: 'META' }),
  billIndex: (regulationId: string, month: string, importedAt: string) => ({ gsi1pk: `BILLS#${regulationId}#${month.slice(0, 4)}`, gsi1sk: `${month}#${importedAt}` }),
  /** Which bill holds a regulation's month: one at a time. */
  monthSlot: (regulationId: string, month: string) => ({ pk: `REG#${regulationId}`, sk: `BILL#${month}` }),
  chunk: (billId: string, seq: number) => ({ pk: `BILL#${billId}`, sk: `CHUNK#${zeroPadded(seq, 6)}` }),
  /** Part `part` of a NIK bucket's lines of chunk `seq` with content `digest`: only the chunk record's content is read. */
  lines: (billId: string, bucket: number, seq: number, digest: string, part: number) => ({
    pk: linesPartition(billId, bucket),
    sk: `C#${zeroPadded(seq, 6)}#${digest.slice(0, 16)}#${zeroPadded(part, 3)}`,
  }),
  sp2d: (billId: string, sp2dNumber: string) => ({ pk: `BILL#${billId}`, sk: `SP2D#${sp2dNumber}` }),
  tally: (billId: string, attempt: number, bucket: number) => ({ pk: `BILL#${billId}#${attemptPart(attempt)}`, sk: `TALLY#${bucketPart(bucket)}` }),
  discrepancy: (billId: string, attempt: number, bucket: number, nik: string) => ({ pk: discrepancyPartition(billId, attempt), sk: `${bucketPart(bucket)}#${nik}` }),
  arrears: (regulationId: string, year: number) => ({ pk: `REG#${regulationId}`, sk: `ARREARS#${year}` }),
};

export function linesPartition(billId: string, bucket: number): string {
  return `BILL#${billId}#${bucketPart(bucket)}`;
}

export function discrepancyPartition(billId: string, attempt: number): string {
  return `BILL#${billId}#${attemptPart(attempt)}#D`;
}
