import type { AuditEvent } from '../audit/audit-event';
import type { BucketTally } from './bucket-tally';
import type { BillAcceptance, BillFigures, BillLine, Discrepancy, DiscrepancyKind, InsurerBill, Payment, Reconciliation } from './insurer-bill';
import type { ArrearsWatch } from './arrears';

/** A page of a bill's discrepancies, in bucket and NIK order; `nextCursor` is absent on the last. */
export interface DiscrepancyPage {
  readonly items: Discrepancy[];
  readonly nextCursor?: string;
}

/** Port: the insurer's bills, their lines, reconciliation, acceptance and payments, and the arrears watch. */
export interface RemittanceStore {
  bill(billId: string): Promise<InsurerBill | undefined>;
  /** The bill that holds a regulation's month (not refused or withdrawn), if any. */
  billOfMonth(regulationId: string, month: string): Promise<InsurerBill | undefined>;
  /** A regulation's bills of a year that hold their month, by month. */
  billsOfYear(regulationId: string, year: number): Promise<InsurerBill[]>;
  /** Stores a new bill and takes its month, with the audit event; false when the month is taken. */
  open(bill: InsurerBill, audit: AuditEvent): Promise<boolean>;
  /** Stores a chunk of lines (by NIK bucket) and its figures; storing the same chunk again changes nothing. */
  receiveChunk(billId: string, seq: number, lines: readonly BillLine[]): Promise<void>;
  /** The figures of the chunks received, by chunk number. */
  chunks(billId: string): Promise<Map<number, BillFigures>>;
  /** The lines of one NIK bucket, by NIK, in file order. */
  billedLines(billId: string, bucket: number): Promise<Map<string, BillLine[]>>;
  /** Moves the bill to `to` from one of `from`, with its changes and audit event; false when it was in none of them. */
  transition(billId: string, from: readonly InsurerBill['status'][], to: InsurerBill['status'], changes: BillChanges, audit: AuditEvent): Promise<boolean>;
  /** Stores a shard's discrepancies and then its tally (the tally marks the shard done). */
  finishShard(billId: string, attempt: number, discrepancies: readonly Discrepancy[], tally: BucketTally): Promise<void>;
  /** The tallies of the shards done in an attempt. */
  tallies(billId: string, attempt: number): Promise<Map<number, BucketTally>>;
  discrepancies(billId: string, attempt: number, page: { kind?: DiscrepancyKind; limit: number; cursor?: string }): Promise<DiscrepancyPage>;
  /** A person's discrepancy on a bill, if any. */
  discrepancy(billId: string, attempt: number, nik: string): Promise<Discrepancy | undefined>;
  /** Every discrepancy, streamed in bucket and NIK order. */
  allDiscrepancies(billId: string, attempt: number): AsyncIterable<Discrepancy>;
  /** Records finance's dispute of a person's line, with its audit event, while the bill is reconciled. */
  dispute(billId: string, attempt: number, discrepancy: Discrepancy, audit: AuditEvent): Promise<boolean>;
  /**
   * Adds a payment, with its audit event, only if the bill is accepted, has no payment of the same
   * SP2D number, and stays within `payable`; false otherwise (the caller reads the bill to say why).
   */
  addPayment(billId: string, payment: Payment, payable: number, audit: AuditEvent): Promise<boolean>;
  /** The last arrears watch of a regulation and year. */
  arrears(regulationId: string, year: number): Promise<ArrearsWatch | undefined>;
  saveArrears(watch: ArrearsWatch, audits: readonly AuditEvent[]): Promise<void>;
}

export interface BillChanges {
  readonly received?: BillFigures;
  readonly reconciliation?: Reconciliation;
  readonly acceptance?: BillAcceptance;
  readonly attempt?: number;
  readonly failure?: string;
}
