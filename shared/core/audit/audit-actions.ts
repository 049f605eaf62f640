/**
 * Every action an audit event names, and every kind of entity one is about. auditEvent() takes
 * only these, so a new action does not compile until it is listed here, and the console, whose
 * label table is typed by this list (web/src/audit-labels.ts), does not compile until it has a
 * label for it. Stored events keep the action they were written with (AuditEvent's `action` is
 * any string): a reader meets an action no longer listed only in a trail written before.
 */
export const AUDIT_ACTIONS = [
  'regulation.created',
  'regulation.amended',
  'roster.import.created',
  'roster.import.submitted',
  'roster.import.retried',
  'roster.import.completed',
  'roster.import.failed',
  'roster.identity.updated',
  'budget.proposed',
  'budget.computed',
  'budget.failed',
  'budget.review',
  'budget.approve',
  'budget.approve-with-ceiling',
  'budget.reject',
  'budget.request-revision',
  'budget.allocated',
  'budget.withdraw',
  'enrollment.started',
  'enrollment.finished',
  'enrollment.failed',
  'enrollment.retried',
  'life-event.death',
  'life-event.removal',
  'renewal.started',
  'renewal.restarted',
  'renewal.verified',
  'renewal.proposed',
  'renewal.renewed',
  'renewal.lapsed',
  'renewal.failed',
  'bill.opened',
  'bill.refused',
  'bill.reconciling',
  'bill.reconciled',
  'bill.failed',
  'bill.line-disputed',
  'bill.accepted',
  'bill.paid',
  'bill.withdrawn',
  'remittance.paid',
  'remittance.late',
  'remittance.at-risk',
  'remittance.inactive',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an event is about: a regulation (and what belongs to it), an enrollment run, an insurer's bill. */
export const AUDIT_ENTITY_TYPES = ['regulation', 'enrollment-run', 'bill'] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];
