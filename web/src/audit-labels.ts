import type { AuditEvent } from '../../shared/api/schemas';
import type { AuditAction } from '../../shared/core/audit/audit-actions';
import type { AuditEntityType } from '../../shared/core/audit/audit-entity-type';
import { formatDate, formatRupiah } from './format';
import { language, t, type Text } from './i18n';
import { enrollmentFailureLabel } from './reason-labels';

/**
 * How the console shows an audit event in the reader's language. An event's `summary` is part of
 * its hash chain and stays as it was written (mostly English; some writers put Bahasa Indonesia
 * first, then ` / ` and English). In Indonesian the trail shows what each action means, what it
 * was about, and what the event's `changes` (or the Indonesian half of its summary) say; in
 * English the summary as written. Every action auditEvent() may write has a label, or the console
 * does not compile (shared/core/audit/audit-actions.ts).
 */
const ACTION_LABELS: Record<AuditAction, Text> = {
  'regulation.created': 'Peraturan dibuat',
  'regulation.amended': 'Peraturan diubah',
  'roster.import.created': 'Impor roster dibuka',
  'roster.import.submitted': 'Berkas impor selesai dikirim',
  'roster.import.retried': 'Impor yang gagal dijalankan lagi',
  'roster.import.completed': 'Impor roster selesai',
  'roster.import.failed': 'Impor roster gagal',
  'roster.identity.updated': 'Identitas peserta diperbarui oleh impor',
  'budget.proposed': 'Usulan anggaran diminta',
  'budget.computed': 'Usulan anggaran dihitung',
  'budget.failed': 'Perhitungan usulan anggaran gagal',
  'budget.review': 'Usulan anggaran ditinjau',
  'budget.approve': 'Usulan anggaran disetujui',
  'budget.approve-with-ceiling': 'Usulan anggaran disetujui dengan pagu',
  'budget.reject': 'Usulan anggaran ditolak',
  'budget.request-revision': 'Usulan anggaran diminta diperbaiki',
  'budget.allocated': 'Pagu anggaran dibagi per segmen',
  'budget.withdraw': 'Keputusan anggaran ditarik',
  'enrollment.started': 'Pendaftaran dimulai',
  'enrollment.finished': 'Pendaftaran selesai',
  'enrollment.failed': 'Pendaftaran gagal',
  'enrollment.retried': 'Kegagalan pendaftaran diulang',
  'life-event.death': 'Kematian peserta dicatat',
  'life-event.removal': 'Peserta dikeluarkan',
  'renewal.started': 'Perpanjangan dimulai',
  'renewal.restarted': 'Perpanjangan dimulai lagi',
  'renewal.verified': 'Roster perpanjangan diverifikasi',
  'renewal.proposed': 'Anggaran perpanjangan diusulkan',
  'renewal.renewed': 'Kepesertaan diperpanjang',
  'renewal.lapsed': 'Kepesertaan tidak diperpanjang',
  'renewal.failed': 'Perpanjangan gagal',
  'bill.opened': 'Tagihan BPJS diimpor',
  'bill.refused': 'Tagihan BPJS ditolak (tidak sesuai kontrol)',
  'bill.reconciling': 'Rekonsiliasi tagihan dimulai',
  'bill.reconciled': 'Tagihan direkonsiliasi',
  'bill.failed': 'Rekonsiliasi tagihan gagal',
  'bill.line-disputed': 'Baris tagihan disanggah',
  'bill.accepted': 'Tagihan BPJS diterima',
  'bill.paid': 'Pembayaran SP2D dicatat',
  'bill.withdrawn': 'Tagihan BPJS ditarik',
  'remittance.paid': 'Iuran sebulan lunas',
  'remittance.late': 'Iuran sebulan terlambat',
  'remittance.at-risk': 'Iuran sebulan berisiko (klaim dapat tidak dilayani)',
  'remittance.inactive': 'Kepesertaan nonaktif karena iuran tertunggak',
  'scenario.created': 'Skenario simulasi disimpan',
  'scenario.changed': 'Skenario simulasi diubah',
};

/** The entity of an event in words: `Peraturan perwal-x`, `Pendaftaran run-…`, `Tagihan BPJS …`. */
const ENTITY_LABELS: Record<AuditEntityType, Text> = {
  regulation: 'Peraturan {id}',
  'enrollment-run': 'Pendaftaran {id}',
  bill: 'Tagihan BPJS {id}',
  scenario: 'Skenario {id}',
};

/**
 * The stages whose writers put Bahasa Indonesia first in an event's summary (then ` / ` and
 * English): enrollment runs, the insurer's bills and the monthly remittance. In Indonesian that
 * half is shown, with the counts and amounts it holds.
 */
const INDONESIAN_FIRST = ['enrollment.', 'bill.', 'remittance.'] as const;

function isListed(action: string): action is AuditAction {
  return action in ACTION_LABELS;
}

/** What the event did, in the reader's language; an action from an older trail the console does not know shows as written. */
export function auditActionLabel(action: string): string {
  return isListed(action) ? t(ACTION_LABELS[action]) : action;
}

/**
 * What the event was about, in words: its entity, and the proposal, import or renewal year it
 * names (in its changes, or by id in its summary), e.g. `Usulan anggaran bp-2027-… · Peraturan perwal-x`.
 */
export function auditEntityLabel(event: Pick<AuditEvent, 'entityType' | 'entityId' | 'changes' | 'summary'>): string {
  const entity = (ENTITY_LABELS as Record<string, Text | undefined>)[event.entityType];
  const described = entity ? t(entity, { id: event.entityId }) : `${event.entityType} ${event.entityId}`;
  return [...subjects(event), described].join(' · ');
}

/** The proposal, import or renewal year an event about a regulation concerns. */
function subjects(event: Pick<AuditEvent, 'changes' | 'summary'>): string[] {
  const paths = event.changes.map((c) => c.path).join(' ');
  const proposal = /proposals\[([^\]]+)\]/.exec(paths)?.[1] ?? /\bbp-[a-z0-9-]{8,64}/.exec(event.summary)?.[0];
  const importId = /\bimp-[a-z0-9-]{8,64}/.exec(event.summary)?.[0];
  const renewal = /renewals\[(\d{4})\]/.exec(paths)?.[1];
  return [
    proposal ? t('Usulan anggaran {id}', { id: proposal }) : undefined,
    importId ? t('Impor roster {id}', { id: importId }) : undefined,
    renewal ? t('Perpanjangan {year}', { year: renewal }) : undefined,
  ].filter((s): s is string => s !== undefined);
}

/**
 * The event's description: in English its summary as written; in Indonesian the action's label
 * and what can be read without English: the Indonesian half of a bilingual summary (failure
 * reason codes in words), or else what the changes say (attempts, ends of cover, released premiums,
 * how many parts of a regulation changed, who reviewed).
 */
export function auditDescription(event: AuditEvent): string {
  if (language() === 'en') return event.summary;
  const label = auditActionLabel(event.action);
  if (isListed(event.action) && INDONESIAN_FIRST.some((stage) => event.action.startsWith(stage))) {
    return `${label}: ${withReasonWords(indonesianHalf(event.summary))}`;
  }
  const details = changeDetails(event);
  return details.length ? `${label}: ${details.join('; ')}` : label;
}

/** The part before ` / ` of `Indonesian / English`; the whole summary when it is not bilingual. */
function indonesianHalf(summary: string): string {
  const split = summary.indexOf(' / ');
  return split < 0 ? summary : summary.slice(0, split);
}

/** `12 gagal (INVALID_DATA 12)` → `12 gagal (data ditolak BPJS 12)`. */
function withReasonWords(text: string): string {
  return text.replace(/\b[A-Z][A-Z_]{3,}\b/g, (code) => enrollmentFailureLabel(code));
}

function changeDetails(event: AuditEvent): string[] {
  const details: string[] = [];
  let released = 0;
  for (const change of event.changes) {
    const attempt = /(?:^|\.)attempt$/.test(change.path);
    const coverEnd = /^cover\.(\d{4})\.coverageEnd$/.exec(change.path);
    if (attempt && typeof change.after === 'number') details.push(t('percobaan {n}', { n: change.after }));
    else if (coverEnd && typeof change.after === 'string') details.push(t('cakupan {year} berakhir {date}', { year: coverEnd[1]!, date: formatDate(change.after) }));
    else if (/^cover\.\d{4}\.released$/.test(change.path) && typeof change.after === 'number') released += change.after - (typeof change.before === 'number' ? change.before : 0);
    else if (/\.review\.reviewedBy$/.test(change.path) && typeof change.after === 'string') details.push(t('ditinjau oleh {user}', { user: change.after }));
  }
  if (released > 0) details.push(t('iuran dikembalikan {amount}', { amount: formatRupiah(released) }));
  if (event.action === 'regulation.amended' && event.changes.length > 0) details.push(t('{n} bagian berubah', { n: event.changes.length }));
  return details;
}
