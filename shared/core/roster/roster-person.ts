import { z } from 'zod';
import { IsoDate } from '../calendar/calendar';
import { SegmentCode } from '../regulation/regulation';

/**
 * A roster row that passed every check of checkRow: an eligible person of one segment, before
 * the import's deduplication. The NIK is the cleaned 16 digits; the birth date is the row's
 * when it gave one (it agrees with the NIK), else the NIK's; the gender is the NIK's.
 */
export const RosterPerson = z.object({
  nik: z.string().regex(/^\d{16}$/, 'must be 16 digits'),
  name: z.string().min(1).max(500),
  birthDate: IsoDate,
  gender: z.enum(['L', 'P']),
  address: z.string().min(1).max(500).optional(),
  kelurahan: z.string().min(1).max(500).optional(),
  kecamatan: z.string().min(1).max(500).optional(),
  phone: z.string().min(1).max(500).optional(),
  /** Segment code of the regulation. */
  segment: SegmentCode,
  /** Spreadsheet row number. */
  row: z.number().int().positive(),
});
export type RosterPerson = z.infer<typeof RosterPerson>;
