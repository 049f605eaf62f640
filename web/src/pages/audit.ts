import type { AuditEvent } from '../../../shared/api/schemas';
import type { ChainVerification } from '../../../shared/core/audit/audit-chain';
import { ApiError, apiGet, apiGetAll } from '../api-client';
import { field, h, notice, replace, select, table } from '../dom';
import { exportButtons } from '../export/export-buttons';
import { formatDate, formatDateTime, maskNik } from '../format';
import { auditActionLabel, auditDescription, auditEntityLabel } from '../audit-labels';
import { t } from '../i18n';
import { ROLE_LABELS } from '../layout';
import type { PageContext } from '../main';
import { pickRegulation } from '../regulation-picker';
import { navigate } from '../router';
import { errorNotice } from './error-notice';

/**
 * The audit trail, searched by regulation (with its enrollment runs), by user, and by date
 * (Jakarta days). Personal data is never in an event's summary unmasked (the writers mask NIKs).
 */
export async function auditPage(main: HTMLElement, { route }: PageContext): Promise<void> {
  const { regulations } = await pickRegulation(route, { withYear: false });
  const q = route.query;
  const regulation = select('regulation', [['', t('Semua peraturan')], ...regulations.map((r) => [r.id, r.id] as const)], q.get('regulation') ?? regulations[0]?.id ?? '');
  const actor = h('input', { name: 'actor', value: q.get('actor') ?? '', autocomplete: 'off' });
  const person = h('input', { name: 'person', value: q.get('person') ?? '', autocomplete: 'off', inputmode: 'numeric', maxlength: 16 });
  const from = h('input', { name: 'from', type: 'date', value: q.get('from') ?? '' });
  const to = h('input', { name: 'to', type: 'date', value: q.get('to') ?? '' });
  const form = h(
    'form',
    { class: 'picker', role: 'search', 'aria-label': t('Cari jejak audit') },
    field(t('Peraturan'), regulation),
    field(t('Pengguna'), actor, t('Nama pengguna, misalnya siti')),
    field(t('Orang (NIK)'), person, t('NIK dicari dalam bentuk tersamar (3674********0001); NIK lengkap tidak dikirim.')),
    field(t('Dari tanggal'), from),
    field(t('Sampai tanggal'), to),
    h('button', { type: 'submit', class: 'primary' }, t('Cari')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // Only the masked NIK goes into the address and the request.
    person.value = maskedNik(person.value);
    const query = new URLSearchParams();
    for (const input of [regulation, actor, person, from, to]) if (input.value.trim()) query.set(input.name, input.value.trim());
    query.set('search', '1');
    navigate(`#/audit?${query}`);
  });
  const results = h('div', {});
  replace(main, h('h1', { tabindex: '-1' }, t('Jejak audit')), form, results);
  if (!q.get('search') && !q.get('regulation')) return;
  const masked = maskedNik(person.value);
  if (!regulation.value && !actor.value.trim() && !masked) {
    replace(results, notice('alert', t('Pilih peraturan, isi pengguna, atau isi NIK.')));
    return;
  }
  try {
    // A regulation's search reads its whole trail (its runs', bills' and proposals' events too);
    // a user on their own is looked for across entities; a person on their own in every regulation's.
    const trails: { regulationId?: string }[] = regulation.value
      ? [{ regulationId: regulation.value }]
      : actor.value.trim()
        ? [{}]
        : regulations.map((r) => ({ regulationId: r.id }));
    const found = await Promise.all(
      trails.map(({ regulationId }) =>
        apiGetAll<AuditEvent>('/audit-events', 'events', {
          regulationId,
          actor: actor.value.trim() || undefined,
          person: masked || undefined,
          from: from.value || undefined,
          to: to.value || undefined,
        }),
      ),
    );
    const events = found.flat().sort((a, b) => a.at.localeCompare(b.at));
    const newestFirst = [...events].reverse();
    replace(
      results,
      regulation.value ? await chainStatus(regulation.value) : undefined,
      h('p', { role: 'status' }, t('{n} kejadian.', { n: events.length })),
      newestFirst.length
        ? [
            exportButtons('jejak-audit', 'Audit', () => [
              [t('Waktu'), t('Pengguna'), t('Peran'), t('Tindakan'), t('Entitas'), t('Ringkasan'), t('Bagian yang berubah'), t('Kode tindakan')],
              ...newestFirst.map((e) => [formatDateTime(e.at), e.actor, roles(e), auditActionLabel(e.action), auditEntityLabel(e), auditDescription(e), e.changes.map((c) => c.path).join(' '), e.action]),
            ]),
            table(
              t('Kejadian, terbaru lebih dulu'),
              [t('Waktu'), t('Pengguna'), t('Tindakan'), t('Entitas'), t('Ringkasan')],
              newestFirst.map((e) => [
                formatDateTime(e.at),
                e.actorRoles.length ? `${e.actor} (${roles(e)})` : e.actor,
                h('span', { 'data-action': e.action }, auditActionLabel(e.action)),
                auditEntityLabel(e),
                auditDescription(e),
              ]),
              { stack: true },
            ),
          ]
        : undefined,
    );
  } catch (error) {
    replace(results, errorNotice(error));
  }
}

/**
 * Whether the regulation's hash-chained trail is whole (GET /regulations/{id}/audit-chain): up to
 * which event it verifies, or the first event edited or deleted. Auditors and admins may ask;
 * for others it is left out.
 */
async function chainStatus(regulationId: string): Promise<HTMLElement | undefined> {
  let chain: ChainVerification;
  try {
    chain = await apiGet<ChainVerification>(`/regulations/${encodeURIComponent(regulationId)}/audit-chain`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return undefined;
    throw error;
  }
  if (chain.broken) {
    return notice('alert', t('Jejak audit rusak pada kejadian {seq}: {reason}', { seq: chain.broken.seq, reason: chain.broken.reason }));
  }
  const anchored = chain.anchor?.holds ? ` ${t('Kepala rantai yang diekspor {date} (kejadian {seq}) masih cocok.', { date: formatDate(chain.anchor.date), seq: chain.anchor.seq })}` : '';
  return h(
    'p',
    { role: 'status', 'data-testid': 'chain-verified' },
    chain.verifiedUpTo
      ? t('Rantai hash jejak ini utuh: terverifikasi sampai {at} ({n} kejadian).', { at: formatDateTime(chain.verifiedUpTo.at), n: chain.events }) + anchored
      : t('Rantai hash jejak ini belum berisi kejadian.'),
  );
}

/** The roles the actor acted in, named as the menu names them. */
function roles(event: AuditEvent): string {
  return event.actorRoles.map((role) => t(ROLE_LABELS[role])).join(', ');
}

/** A typed NIK as the audit trail writes it (`3674********0001`); a masked one as it is; anything else unchanged, for the API to refuse. */
function maskedNik(value: string): string {
  const text = value.replace(/\s/g, '');
  return /^\d{16}$/.test(text) ? maskNik(text) : text;
}
