import { z } from 'zod';

/**
 * What the use cases write audit events about: a regulation, or an entity that belongs to one
 * (an enrollment run, an insurer's bill, a simulation scenario). auditEvent() takes only these;
 * `lindung audit --entity TYPE:ID` checks TYPE against them and names them when it is none; the
 * console has words for each (web/src/audit-labels.ts). A use case that audits a new kind of
 * entity adds it here.
 */
export const AuditEntityType = z.enum(['regulation', 'enrollment-run', 'bill', 'scenario']);
export type AuditEntityType = z.infer<typeof AuditEntityType>;
