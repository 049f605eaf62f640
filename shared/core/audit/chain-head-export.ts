import { z } from 'zod';
import { IsoDate } from '../calendar/calendar';

/**
 * A regulation's chain head as it stood when exported: the last link's place, hash and time.
 * Kept outside the Audit table (an S3 bucket under Object Lock on AWS), it pins the chain up to
 * that link: rewriting any earlier event and every hash after it would still change this one.
 */
export const ChainHead = z.object({
  regulationId: z.string(),
  seq: z.number().int().positive(),
  hash: z.string(),
  at: z.string(),
}).meta({ id: 'ChainHead' });
export type ChainHead = z.infer<typeof ChainHead>;

/** One day's export: every regulation's chain head, once per Jakarta day. */
export const ChainHeadExport = z.object({
  exportedAt: z.iso.datetime({ offset: true }),
  /** The Jakarta day the export belongs to; one export per day, never replaced. */
  date: IsoDate,
  heads: z.array(ChainHead),
});
export type ChainHeadExport = z.infer<typeof ChainHeadExport>;
