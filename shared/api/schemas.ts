import { z } from 'zod';
import { Role } from '../core/access/roles';
import { IsoDate, IsoMonth } from '../core/calendar/calendar';
import { Regulation, RegulationId } from '../core/regulation/regulation';
import { versionEtag, versionsOfIfMatch } from '../core/regulation/version-etag';
import type { ResponseHeader } from './route-spec';
import { NextCursor, PageQuery } from './page-query';
import { FieldChange } from '../core/audit/document-diff';
import { AuditEvent } from '../core/audit/audit-event';
import { ApplyRegulationResult } from '../core/regulation/apply-regulation';
import { PremiumLine, SegmentPremium } from '../core/money/rates/monthly-premium';

// The records themselves are the core's model; the API serves them as they are.
export { FieldChange };
export { AuditEvent };
export { ApplyRegulationResult };
export { PremiumLine, SegmentPremium };

/** Request and response shapes shared by the route catalogue, the handlers and the CLI. */

export const RegulationParams = z.object({ id: RegulationId });
/** The preconditions of an amendment (header names in lower case, as API Gateway passes them). */
export const RegulationPreconditionHeaders = z.object({
  'if-match': z
    .string()
    .transform((value, ctx) => {
      const versions = versionsOfIfMatch(value);
      if (versions === undefined) {
        ctx.addIssue({ code: 'custom', message: 'must be the ETag GET /regulations/{id} answered, quotes included (e.g. "v3"), or *' });
        return z.NEVER;
      }
      return versions;
    })
    .optional()
    .describe('The ETag of the version the change is based on (e.g. "v3"); required to amend an existing regulation'),
  'if-none-match': z
    .literal('*', { error: 'must be *, meaning: create the regulation only if it does not exist yet' })
    .optional()
    .describe('`*`: create only, never amend'),
});

export const RegulationVersionParams = z.object({ id: RegulationId, version: z.coerce.number().int().positive() });

const ETAG_DESCRIPTION = 'The version as a strong ETag, e.g. "v3": send it back as If-Match to amend what you read';

/** The ETag of a response that is one version of a regulation. */
export const RegulationEtag: ResponseHeader = {
  description: ETAG_DESCRIPTION,
  of: (regulation: z.input<typeof Regulation>) => versionEtag(regulation.version),
};

/** The ETag of the version an apply left current (created, amended or unchanged). */
export const AppliedRegulationEtag: ResponseHeader = {
  description: ETAG_DESCRIPTION,
  of: (result: z.input<typeof ApplyRegulationResult>) => versionEtag(result.regulation.version),
};

export const RegulationSummary = z.object({
  id: RegulationId,
  title: z.string(),
  jurisdiction: z.string(),
  version: z.number().int(),
  segments: z.number().int(),
  targetHeadcount: z.number().int(),
  recordedAt: z.string(),
}).meta({ id: 'RegulationSummary' });
export const RegulationList = z.object({ regulations: z.array(RegulationSummary), nextCursor: NextCursor }).meta({ id: 'RegulationList' });

export const RegulationHistory = z.object({
  versions: z.array(z.object({ version: z.number().int(), recordedAt: z.string(), recordedBy: z.string() })),
  events: z.array(AuditEvent),
}).meta({ id: 'RegulationHistory' });

export const AuditQuery = z
  .object({
    ...PageQuery.shape,
    entity: z
      .string()
      .max(200)
      .regex(/^[A-Za-z-]+:[^\s]+$/, 'must be ENTITY_TYPE:ID, e.g. regulation:perwal-tangsel-25-2019')
      .optional(),
    /** Everything under one regulation: its own events and those of its runs, bills and proposals. */
    regulationId: RegulationId.optional(),
    /** What one user did (their user name), across entities. */
    actor: z.string().trim().min(1).max(128).optional(),
    /**
     * Events about one person, by their NIK masked as every event summary writes it. Only the
     * masked form is ever sent, so a full NIK never travels in a URL.
     */
    person: z
      .string()
      .regex(/^\d{4}\*{8}\d{4}$/, 'must be a masked NIK such as 3674********0001')
      .optional(),
    /** First and last day (Jakarta dates, inclusive). */
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .refine((q) => q.entity !== undefined || q.actor !== undefined || q.regulationId !== undefined, { message: 'give entity, regulationId or actor', path: ['entity'] })
  .refine((q) => q.entity === undefined || q.regulationId === undefined, { message: 'give entity or regulationId, not both', path: ['regulationId'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });
export const AuditEventList = z.object({ events: z.array(AuditEvent), nextCursor: NextCursor }).meta({ id: 'AuditEventList' });

export const PremiumQuery = z.object({ month: IsoMonth });
export const RegulationPremiums = z.object({
  regulationId: RegulationId,
  version: z.number().int(),
  month: IsoMonth,
  rateScheduleVersion: z.string(),
  segments: z.array(SegmentPremium),
}).meta({ id: 'RegulationPremiums' });

export { Regulation };

export const WhoAmI = z
  .object({ userId: z.string(), username: z.string(), roles: z.array(Role), region: z.string().optional().describe('Kemendagri region code, or ID for the national scope') })
  .meta({ id: 'WhoAmI' });

export const OpenApiDocument = z.record(z.string(), z.unknown());

