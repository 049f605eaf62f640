import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from '../../shared/api/schemas';
import { AUDIT_ACTIONS } from '../../shared/core/audit/audit-actions';
import { AuditEntityType } from '../../shared/core/audit/audit-entity-type';
import { ENROLLMENT_FAILURE_REASONS } from '../../shared/core/enrollment/enroll-shard';
import { MonthState } from '../../shared/core/remittance/arrears';
import { BillStatus, DiscrepancyKind } from '../../shared/core/remittance/insurer-bill';
import { auditActionLabel, auditDescription, auditEntityLabel } from '../../web/src/audit-labels';
import { BILL_STATUS_LABELS, DISCREPANCY_KINDS, discrepancyLabel, discrepancyNext, enrollmentFailureLabel, enrollmentFailureNext, MONTH_STATE_LABELS, runFailureExplained } from '../../web/src/reason-labels';

/**
 * In Indonesian mode the console shows no codes: every audit action, entity type, enrollment
 * failure reason, discrepancy kind, bill status and month state has words in both languages.
 * The label tables are typed by the core's lists, so a missing one does not compile; these tests
 * hold the lists themselves to the code that writes the events and reasons.
 */

const ROOT = path.join(import.meta.dirname, '../..');

function useLanguage(language: 'id' | 'en'): void {
  const stored = new Map([['lindung.language', language]]);
  vi.stubGlobal('localStorage', { getItem: (key: string) => stored.get(key) ?? null });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(dir, name));
}

/** The `action:` of every auditEvent({…}) call in shared/: a literal, or a template's fixed start (`budget.${…}` → `budget.`). */
function writtenActions(): { file: string; action: string; template: boolean }[] {
  return sourceFiles('shared').flatMap((file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    return [...text.matchAll(/auditEvent\(\{[\s\S]*?\baction: (['`])([^'`$]*)(\$\{)?/g)].map((m) => ({ file, action: m[2]!, template: m[3] !== undefined }));
  });
}

describe('console labels', () => {
  beforeEach(() => useLanguage('id'));

  it('lists every action the code writes (a template\'s actions each start as it does)', () => {
    const written = writtenActions();
    expect(written.length).toBeGreaterThan(30);
    const listed: readonly string[] = AUDIT_ACTIONS;
    for (const { file, action, template } of written) {
      if (template) expect(listed.some((a) => a.startsWith(action)), `${file}: ${action}…`).toBe(true);
      else expect(listed, file).toContain(action);
    }
    // And nothing listed that no code writes.
    for (const action of listed) {
      expect(written.some((w) => (w.template ? action.startsWith(w.action) : action === w.action)), action).toBe(true);
    }
  });

  it('names every audit action and entity type in words, in both languages', () => {
    for (const action of AUDIT_ACTIONS) {
      useLanguage('id');
      const indonesian = auditActionLabel(action);
      useLanguage('en');
      const english = auditActionLabel(action);
      expect(indonesian, action).not.toBe(action);
      expect(english, action).not.toBe(action);
      expect(indonesian, action).not.toBe(english);
    }
    useLanguage('id');
    for (const entityType of AuditEntityType.options) {
      expect(auditEntityLabel({ entityType, entityId: 'x-1', changes: [], summary: '' })).not.toContain(entityType);
    }
    expect(auditActionLabel('step.1')).toBe('step.1');
  });

  it('describes an event in Indonesian from its changes or its Indonesian half, and keeps the English summary in English', () => {
    const event = (fields: Partial<AuditEvent>): AuditEvent => ({
      eventId: 'e', at: '2027-01-05T03:00:00.000Z', actor: 'siti', actorRoles: ['finance'], action: 'budget.approve', entityType: 'regulation', entityId: 'perwal-x', summary: '', changes: [], ...fields,
    });
    const approved = event({ summary: 'Approved bp-2027-3f9a2c1b for Rp1.000', changes: [{ path: 'proposals[bp-2027-3f9a2c1b].status', before: 'pending-decision', after: 'approved' }] });
    expect(auditEntityLabel(approved)).toBe('Usulan anggaran bp-2027-3f9a2c1b · Peraturan perwal-x');
    expect(auditDescription(approved)).toBe('Usulan anggaran disetujui');
    const retried = event({ action: 'enrollment.retried', entityType: 'enrollment-run', entityId: 'run-bp-2027-3f9a2c1b', summary: 'Kegagalan pendaftaran run-x diulang (percobaan 2) / Retried the failures of enrollment run run-x (attempt 2)' });
    expect(auditDescription(retried)).toBe('Kegagalan pendaftaran diulang: Kegagalan pendaftaran run-x diulang (percobaan 2)');
    const finished = event({ action: 'enrollment.finished', summary: 'Pendaftaran run-x selesai (percobaan 1): 3 orang terdaftar, 2 gagal (INVALID_DATA 2) / Enrollment run …' });
    expect(auditDescription(finished)).toContain('2 gagal (data ditolak BPJS 2)');
    const removal = event({
      action: 'life-event.removal',
      summary: 'Recorded the removal of NIK 3674********0001 …',
      changes: [{ path: 'cover.2027.coverageEnd', before: '2027-12-31', after: '2027-06-30' }, { path: 'cover.2027.released', before: 0, after: 100_800 }],
    });
    expect(auditDescription(removal)).toBe('Peserta dikeluarkan: cakupan 2027 berakhir 30 Juni 2027; iuran dikembalikan Rp100.800');
    useLanguage('en');
    expect(auditDescription(removal)).toBe('Recorded the removal of NIK 3674********0001 …');
    expect(auditEntityLabel(approved)).toBe('Budget proposal bp-2027-3f9a2c1b · Regulation perwal-x');
  });

  it('names every enrollment failure reason with what to do next, and a failed attempt by its error', () => {
    for (const reason of ENROLLMENT_FAILURE_REASONS) {
      expect(enrollmentFailureLabel(reason), reason).not.toBe(reason);
      expect(enrollmentFailureNext(reason), reason).not.toBe('');
    }
    // The codes the insurer's adapters answer are all listed.
    const answered = sourceFiles('shared/adapters/insurer').flatMap((file) => [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/reason: '([A-Z_]+)'/g)].map((m) => m[1]!));
    expect(answered.length).toBeGreaterThan(0);
    for (const reason of answered) expect(ENROLLMENT_FAILURE_REASONS as readonly string[]).toContain(reason);
    expect(runFailureExplained('InsurerUnavailableError: timed out after 10 s. Retry with `npx lindung enroll retry run-x`.').label).toBe('layanan BPJS tidak dapat dihubungi (gangguan atau waktu habis)');
    expect(runFailureExplained('States.Timeout: no details').label).toBe('kesalahan sistem Lindung');
  });

  it('names every discrepancy kind with what to do next, every bill status and month state', () => {
    expect([...DISCREPANCY_KINDS].sort()).toEqual([...DiscrepancyKind.options].sort());
    for (const kind of DiscrepancyKind.options) {
      expect(discrepancyLabel(kind)).not.toBe(kind);
      expect(discrepancyNext(kind)).not.toBe('');
    }
    expect(Object.keys(BILL_STATUS_LABELS).sort()).toEqual([...BillStatus.options].sort());
    expect(Object.keys(MONTH_STATE_LABELS).sort()).toEqual([...MonthState.options].sort());
  });
});
