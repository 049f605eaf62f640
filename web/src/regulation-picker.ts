import type { z } from 'zod';
import type { RegulationList } from '../../shared/api/schemas';
import { apiGetAll } from './api-client';
import { field, h, select } from './dom';
import { t } from './i18n';
import { navigate, type Route } from './router';

export type RegulationSummary = z.infer<typeof RegulationList>['regulations'][number];

export interface Selection {
  readonly regulations: readonly RegulationSummary[];
  readonly regulation: RegulationSummary | undefined;
  readonly year: number;
  /** The picker's form; changing it updates the page's address (so the view can be bookmarked). */
  readonly form: HTMLFormElement;
}

/**
 * Which regulation and fiscal year a page shows, from the address (`?regulation=…&year=…`) or
 * else the first regulation and next year (budgets are decided the year before).
 */
export async function pickRegulation(route: Route, options: { withYear?: boolean } = {}): Promise<Selection> {
  const regulations = await apiGetAll<RegulationSummary>('/regulations', 'regulations');
  const wanted = route.query.get('regulation');
  const regulation = regulations.find((r) => r.id === wanted) ?? regulations[0];
  const year = Number(route.query.get('year')) || new Date().getFullYear() + 1;
  const regulationSelect = select('regulation', regulations.map((r) => [r.id, `${r.id} — ${r.title}`] as const), regulation?.id);
  const yearInput = h('input', { name: 'year', type: 'number', min: 2000, max: 2100, value: year, inputmode: 'numeric' });
  const form = h(
    'form',
    { class: 'picker', 'aria-label': t('Pilih peraturan dan tahun') },
    field(t('Peraturan'), regulationSelect),
    options.withYear === false ? undefined : field(t('Tahun anggaran'), yearInput),
    h('button', { type: 'submit' }, t('Tampilkan')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams({ regulation: regulationSelect.value, ...(options.withYear === false ? {} : { year: yearInput.value }) });
    navigate(`#/${route.name}?${query}`);
  });
  return { regulations, regulation, year, form };
}
