import { z } from 'zod';
import { IsoDate, IsoMonth } from '../calendar/calendar';
import { NikText } from '../people/nik';
import { RegulationId, WadahCode } from '../regulation/regulation';

/**
 * The bill BPJS Ketenagakerjaan sends a regional government for one month of its collective
 * account (wadah): a header with the payment code and the file's own control figures, then one
 * line per person billed. docs/remittance.md describes the file (CSV or XLSX).
 */

/** The 11-digit code a bill is paid with (at a teller, by virtual account or internet banking). */
export const KodeIuran = z.string().regex(/^\d{11}$/, 'must be the 11-digit kode iuran printed on the bill');

export const BillId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a bill id as Lindung issued it').max(120);

/** The header of the insurer's bill: what the file says it holds. */
export const BillHeader = z.strictObject({
  kodeIuran: KodeIuran,
  /** The month of cover billed. */
  month: IsoMonth,
  /** The number of lines the file says it has. */
  controlCount: z.number().int().nonnegative(),
  /** The sum of the lines' amounts the file says it has, integer rupiah. */
  controlTotal: z.number().int().nonnegative(),
}).meta({ id: 'BillHeader' });
export type BillHeader = z.infer<typeof BillHeader>;

/** One person billed for one month. `line` is the row of the file it came from (1 = first data row). */
export const BillLine = z.strictObject({
  line: z.number().int().positive(),
  /** The insurer's membership number; blank for someone it billed without one. */
  kpj: z.string().max(20).optional(),
  nik: NikText,
  name: z.string().max(200),
  /** The segment or program as the insurer names it. */
  segment: z.string().max(80),
  month: IsoMonth,
  amount: z.number().int('must be a whole number of rupiah').nonnegative(),
}).meta({ id: 'BillLine' });
export type BillLine = z.infer<typeof BillLine>;

export const BillStatus = z.enum([
  /** Lines are being uploaded. */
  'receiving',
  /** Complete and adding up; the reconciliation workflow compares it with the ledger. */
  'reconciling',
  /** Compared: finance accepts it, disputing lines if need be. */
  'reconciled',
  /** Accepted (frozen): it may be paid. */
  'accepted',
  /** The reconciliation failed (see `failure`); completing the bill again resumes it. */
  'failed',
  /** Its lines do not add up to its own control figures (see `failure`): import a corrected file. */
  'refused',
  /** Taken back before acceptance (a corrected bill replaces it); kept for the trail. */
  'withdrawn',
]);
export type BillStatus = z.infer<typeof BillStatus>;

export const DiscrepancyKind = z.enum(['not-enrolled', 'not-billed', 'amount-differs', 'billed-after-cover-ended', 'billed-twice']);
export type DiscrepancyKind = z.infer<typeof DiscrepancyKind>;

/** Head counts and money of one side of a bill. */
export const BillFigures = z.object({ people: z.number().int(), amount: z.number().int() }).meta({ id: 'BillFigures' });
export type BillFigures = z.infer<typeof BillFigures>;

export const Reconciliation = z.object({
  /** Who the ledger covers in the month, and their premiums. */
  expected: BillFigures,
  /** The bill's lines (people = lines). */
  billed: BillFigures,
  /** People billed exactly as expected. */
  matched: z.number().int(),
  discrepancies: z.record(DiscrepancyKind, z.number().int()),
  /** Σ of the billed amounts of lines with a discrepancy (what a dispute could hold back). */
  discrepantAmount: z.number().int(),
  /** SHA-256 over the ledger's side (who was expected, at what premium), in NIK order. */
  ledgerHash: z.string(),
  finishedAt: z.string(),
}).meta({ id: 'Reconciliation' });
export type Reconciliation = z.infer<typeof Reconciliation>;

export const BillAcceptance = z.object({
  by: z.string(),
  byUserId: z.string(),
  at: z.string(),
  note: z.string().optional(),
  /** SHA-256 binding the bill's file, the ledger's side and the disputes: what was accepted. */
  hash: z.string(),
  /** What may be paid: the bill's total less what the disputed lines hold back (reconcile-person.ts, amountInDispute). */
  payable: z.number().int(),
  disputed: BillFigures,
}).meta({ id: 'BillAcceptance' });
export type BillAcceptance = z.infer<typeof BillAcceptance>;

/** An SP2D (the treasury's disbursement order) that paid a bill, whole or in part. */
export const Payment = z.object({
  sp2dNumber: z.string().trim().min(1).max(80),
  sp2dDate: IsoDate,
  amount: z.number().int('must be a whole number of rupiah').positive(),
  kodeIuran: KodeIuran,
  recordedBy: z.string(),
  recordedByUserId: z.string(),
  recordedAt: z.string(),
}).meta({ id: 'Payment' });
export type Payment = z.infer<typeof Payment>;

export const InsurerBill = z.object({
  billId: BillId,
  regulationId: RegulationId,
  /** The coverage year of the month billed. */
  year: z.number().int(),
  month: IsoMonth,
  wadahCode: WadahCode,
  kodeIuran: KodeIuran,
  controlCount: z.number().int(),
  controlTotal: z.number().int(),
  fileName: z.string(),
  /** SHA-256 of the bill's header and lines in file order: the same file imported again is the same bill. */
  fileDigest: z.string(),
  /** Where the bill came from: a file an office imported, or the insurer's API. */
  source: z.enum(['file', 'api']),
  status: BillStatus,
  /** Lines received so far and their sum. */
  received: BillFigures,
  reconciliation: Reconciliation.optional(),
  acceptance: BillAcceptance.optional(),
  /** Σ of the payments recorded against the bill. */
  paid: z.number().int(),
  payments: z.array(Payment),
  /** 1, then one more each time a failed reconciliation is started again. */
  attempt: z.number().int(),
  importedBy: z.string(),
  importedByUserId: z.string(),
  importedAt: z.string(),
  failure: z.string().optional(),
}).meta({ id: 'InsurerBill' });
export type InsurerBill = z.infer<typeof InsurerBill>;

/** One person's difference between the bill and the ledger. */
export const Discrepancy = z.object({
  nik: z.string(),
  kind: DiscrepancyKind,
  /** The NIK bucket (people/nik-bucket.ts): the reconciliation shard that found it. */
  bucket: z.number().int(),
  name: z.string(),
  /** The lines of the file that billed the person (none: not billed). */
  lines: z.array(z.number().int()),
  kpj: z.string().optional(),
  /** The segment on our ledger, or else as billed. */
  segment: z.string(),
  /** What the ledger expects for the month (0: not covered). */
  expected: z.number().int(),
  /** What the bill charged, all lines together. */
  billed: z.number().int(),
  /** Why, in words an office can act on. */
  detail: z.string(),
  /** Finance's dispute, if any. */
  dispute: z.object({ note: z.string(), by: z.string(), at: z.string() }).optional(),
}).meta({ id: 'Discrepancy' });
export type Discrepancy = z.infer<typeof Discrepancy>;
