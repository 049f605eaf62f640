import type { z } from 'zod';
import type { AuditEventList } from '../../../shared/api/schemas';
import { apiGet } from '../api-client';
import { field, h, notice, replace, select, table } from '../dom';
import { exportButtons } from '../export/export-buttons';
import { formatIndonesianDateTime } from '../format';
import { t } from '../i18n';
import type { PageContext } from '../main';
import { pickRegulation } from '../regulation-picker';
import { navigate } from '../router';
import { errorNotice } from './error-notice';

/**
 * The audit trail, searched by regulation, by user, and by date (Jakarta days). Personal data is
 * never in an event's summary unmasked (the writers mask NIKs).
 */
export async function auditPage(main: HTMLElement, { route }: PageContext): Promise<void> {
  const { regulations } = await pickRegulation(route, { withYear: false });
  const q = route.query;
  const regulation = select('regulation', [['', t('Semua peraturan')], ...regulations.map((r) => [r.id, r.id] as const)], q.get('regulation') ?? regulations[0]?.id ?? '');
  const actor = h('input', { name: 'actor', value: q.get('actor') ?? '', autocomplete: 'off' });
  const from = h('input', { name: 'from', type: 'date', value: q.get('from') ?? '' });
  const to = h('input', { name: 'to', type: 'date', value: q.get('to') ?? '' });
  const form = h(
    'form',
    { class: 'picker', role: 'search', 'aria-label': t('Cari jejak audit') },
    field(t('Peraturan'), regulation),
    field(t('Pengguna'), actor, t('Nama pengguna, misalnya siti')),
    field(t('Dari tanggal'), from),
    field(t('Sampai tanggal'), to),
    h('button', { type: 'submit', class: 'primary' }, t('Cari')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const input of [regulation, actor, from, to]) if (input.value.trim()) query.set(input.name, input.value.trim());
    query.set('search', '1');
    navigate(`#/audit?${query}`);
  });
  const results = h('div', {});
  replace(main, h('h1', { tabindex: '-1' }, t('Jejak audit')), form, results);
  if (!q.get('search') && !q.get('regulation')) return;
  if (!regulation.value && !actor.value.trim()) {
    replace(results, notice('alert', t('Pilih peraturan atau isi pengguna.')));
    return;
  }
  try {
    const { events } = await apiGet<z.infer<typeof AuditEventList>>('/audit-events', {
      entity: regulation.value ? `regulation:${regulation.value}` : undefined,
      actor: actor.value.trim() || undefined,
      from: from.value || undefined,
      to: to.value || undefined,
    });
    const newestFirst = [...events].reverse();
    replace(
      results,
      h('p', { role: 'status' }, t('{n} kejadian.', { n: events.length })),
      newestFirst.length
        ? [
            exportButtons('jejak-audit', 'Audit', () => [
              ['at', 'actor', 'roles', 'action', 'entity', 'summary', 'changes'],
              ...newestFirst.map((e) => [e.at, e.actor, e.actorRoles.join(' '), e.action, `${e.entityType}:${e.entityId}`, e.summary, e.changes.map((c) => c.path).join(' ')]),
            ]),
            table(
              t('Kejadian, terbaru lebih dulu'),
              [t('Waktu'), t('Pengguna'), t('Tindakan'), t('Entitas'), t('Ringkasan')],
              newestFirst.map((e) => [formatIndonesianDateTime(e.at), e.actorRoles.length ? `${e.actor} (${e.actorRoles.join(', ')})` : e.actor, e.action, `${e.entityType}:${e.entityId}`, e.summary]),
            ),
          ]
        : undefined,
    );
  } catch (error) {
    replace(results, errorNotice(error));
  }
}
