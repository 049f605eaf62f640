import { z } from 'zod';
import { IsoDate } from '../calendar/calendar';
import { RegulationId, SegmentCode } from '../regulation/regulation';
import { NikText } from '../people/nik';

/** A death or removal that ends someone's cover, as recorded by an admin. */

const Count = z.number().int();

export const LifeEventKind = z.enum(['death', 'removal']);
export type LifeEventKind = z.infer<typeof LifeEventKind>;
export const RecordLifeEventRequest = z.strictObject({
  /** In the body, not the path: request paths are logged, and a NIK is personal data. */
  nik: NikText,
  kind: LifeEventKind,
  /** The date of death, or the day the person stops being in the segment (e.g. a new Ketua RT took over). */
  effectiveDate: IsoDate,
  note: z.string().trim().min(1).max(2000).optional(),
}).meta({ id: 'RecordLifeEventRequest' });
export const LifeEvent = z.object({
  nik: z.string(),
  kind: LifeEventKind,
  effectiveDate: IsoDate,
  note: z.string().optional(),
  /** The roster the event ends: the person's entry in the year of the effective date (or the next). */
  regulationId: RegulationId,
  segment: SegmentCode,
  year: Count,
  /** The last day of cover: the date of death, or the day before a removal takes effect. */
  coverEnds: IsoDate,
  recordedBy: z.string(),
  recordedAt: z.string(),
}).meta({ id: 'LifeEvent' });
export type LifeEvent = z.infer<typeof LifeEvent>;
