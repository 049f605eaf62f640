import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/canonical-json';
import type { BillHeader, BillLine } from './insurer-bill';

/**
 * The fingerprint of a bill's content (InsurerBill.fileDigest): SHA-256, in hex, over the
 * canonical JSON of the header and then of every line in file order, one per text line. It is
 * taken of what the file says, not of its bytes, so the same bill as CSV or as XLSX, or fetched
 * from the insurer's API, has the same digest, and importing it again is recognised.
 *
 * Only the schema's fields are hashed: a caller's extra properties (a spreadsheet row number)
 * must not change it.
 */
export class BillDigest {
  private readonly hash = createHash('sha256');

  constructor(header: BillHeader) {
    const { kodeIuran, month, controlCount, controlTotal } = header;
    this.hash.update(canonicalJson({ kodeIuran, month, controlCount, controlTotal }) + '\n');
  }

  addLine(bill: BillLine): void {
    const { line, kpj, nik, name, segment, month, amount } = bill;
    this.hash.update(canonicalJson({ line, kpj, nik, name, segment, month, amount }) + '\n');
  }

  /** The digest of the header and the lines added; call once, after the last line. */
  hex(): string {
    return this.hash.digest('hex');
  }
}
