import { z } from 'zod';
import { RegulationId } from '../core/regulation/regulation';
import { NikText } from '../core/people/nik';
import { NextCursor, PageQuery } from './page-query';
import { LeaverReason, LapseReason, SegmentDiff, RenewalDiff, RenewalStatus, RenewalClosing, Renewal, RenewalPeopleKind, RenewalPerson, ContinuityGap, ContinuityPage } from '../core/renewal/renewal';
import { LifeEventKind, RecordLifeEventRequest, LifeEvent } from '../core/life-events/life-event';

// The records themselves are the core's model; the API serves them as they are.
export { LeaverReason, LapseReason, SegmentDiff, RenewalDiff, RenewalStatus, RenewalClosing, Renewal, RenewalPeopleKind, RenewalPerson, ContinuityGap, ContinuityPage };
export { LifeEventKind, RecordLifeEventRequest, LifeEvent };

/** Request and response shapes of yearly renewal, life events and the continuity report. */

const Year = z.coerce.number().int().min(2000).max(2100);
const Count = z.number().int();

export const RenewalParams = z.object({ id: RegulationId, year: Year });
export const StartRenewalRequest = z.strictObject({
  /** The fiscal year to renew cover into: last year's roster is carried into it. */
  year: z.number().int().min(2000).max(2100),
}).meta({ id: 'StartRenewalRequest' });

export const RenewalList = z.object({ renewals: z.array(Renewal), nextCursor: NextCursor }).meta({ id: 'RenewalList' });

export const RenewalPeopleQuery = z.object({
  kind: RenewalPeopleKind,
  bucket: z.coerce.number().int().min(0).max(31),
  /** Continue after this NIK (the previous page's `after`). */
  after: NikText.optional(),
});
export const RenewalPeoplePage = z.object({
  kind: RenewalPeopleKind,
  bucket: Count,
  people: z.array(RenewalPerson),
  after: z.string().optional(),
}).meta({ id: 'RenewalPeoplePage' });

export const LifeEventsQuery = z.object({ ...PageQuery.shape, nik: NikText });
export const LifeEventList = z.object({ events: z.array(LifeEvent), nextCursor: NextCursor }).meta({ id: 'LifeEventList' });

export const ContinuityQuery = z.object({
  /** Cover should continue from the year before into this one, from 1 January. */
  year: Year,
  bucket: z.coerce.number().int().min(0).max(31),
  after: NikText.optional(),
});
