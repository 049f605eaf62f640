import { z } from 'zod';

/**
 * What the use cases write audit events about: a regulation, or an entity that belongs to one
 * (an enrollment run, an insurer's bill). The list `lindung audit --entity TYPE:ID` checks TYPE
 * against and names when it is none of them; a use case that audits a new kind of entity adds it
 * here.
 */
export const AuditEntityType = z.enum(['regulation', 'enrollment-run', 'bill']);
export type AuditEntityType = z.infer<typeof AuditEntityType>;
