import type { AuditEvent } from '../audit/audit-event';
import { auditEvent } from '../audit/audit-event';
import { SYSTEM_CALLER } from '../access/system-caller';
import { maskNik } from '../people/personal-data';
import type { RosterEntry } from './roster-entry';

/**
 * The audit event of an import opened with --update-identities replacing the name or birth date
 * on a NIK's roster entry. The import's workflow makes the change, so the actor is the system;
 * the summary names who opened the import, and the changes hold the old and new values (the
 * summary masks the NIK, as every summary does, so the person can be searched for).
 */
export function identityUpdateEvent(
  old: RosterEntry,
  updated: RosterEntry,
  context: { importId: string; openedBy: string; now: Date },
): AuditEvent {
  const fields = (['name', 'birthDate'] as const).filter((field) => old[field] !== updated[field]);
  return auditEvent({
    caller: SYSTEM_CALLER,
    at: context.now,
    action: 'roster.identity.updated',
    entityType: 'regulation',
    entityId: updated.regulationId,
    summary:
      `Import ${context.importId} (opened by ${context.openedBy} with --update-identities) changed the ${fields.join(' and ')} ` +
      `of NIK ${maskNik(updated.nik)} on the ${updated.year} roster, from row ${updated.row} (was row ${old.row} of import ${old.importId})`,
    changes: fields.map((field) => ({ path: field, before: old[field], after: updated[field] })),
  });
}
