import { parse, stringify } from 'yaml';
import type { Regulation } from '../../shared/core/regulation/regulation';
import { parseRupiah } from '../../shared/core/money/rupiah-text';
import { scenarioDocument } from '../../shared/core/simulation/scenario-document';
import type { SaveScenarioResult } from '../../shared/core/simulation/save-scenario';
import type { Scenario } from '../../shared/core/simulation/scenario';
import { ApiError, apiSend } from './api-client';
import { field, h, replace, select, uniqueId } from './dom';
import { formatCount, formatMonth } from './format';
import { t } from './i18n';
import { errorNotice } from './pages/error-notice';
import { MAX_PROJECTION_YEARS } from '../../shared/core/simulation/projection-limit';

/**
 * Saving a scenario from the browser, for finance and admins: a form for the common what-ifs
 * (a ceiling, a declared income, one mid-year cohort, a projection, each segment's target, people
 * and growth), or the whole scenario document as YAML or JSON (scenario.ts).
 * The API checks the document; each problem it names is shown at its field (and all of them above
 * the button, for the YAML or JSON, which has no fields).
 */
export function scenarioEditor(regulation: Regulation, year: number, template: Scenario | undefined, onSaved: (result: SaveScenarioResult) => void): HTMLElement {
  const controls = new Map<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();
  const control = <C extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(path: string, element: C): C => {
    controls.set(path, element);
    return element;
  };
  const input = (path: string, attributes: Record<string, string | number> = {}) => control(path, h('input', { name: path, autocomplete: 'off', ...attributes }));
  const number = (path: string, attributes: Record<string, string | number> = {}) => input(path, { inputmode: 'numeric', ...attributes });

  const yearInput = number('year', { type: 'number', min: 2000, max: 2100, value: year });
  const cohortMonth = control('cohorts.0.startMonth', select('cohortMonth', []));
  const fillMonths = () => {
    const chosen = cohortMonth.value;
    const months = Array.from({ length: 11 }, (_, i) => `${yearInput.value}-${String(i + 2).padStart(2, '0')}`);
    replace(cohortMonth, h('option', { value: '' }, t('Tanpa kohort tambahan')), ...months.map((month) => h('option', { value: month.slice(5) }, formatMonth(month))));
    cohortMonth.value = chosen;
  };
  fillMonths();
  yearInput.addEventListener('input', fillMonths);
  const projection = control('projectionYears', select('projectionYears', Array.from({ length: MAX_PROJECTION_YEARS }, (_, i) => [String(i + 1), t('{n} tahun', { n: i + 1 })] as const), '1'));

  const segments = regulation.segments.map((segment) => {
    const path = (name: string) => `segments.${segment.code}.${name}`;
    return {
      segment,
      target: number(path('targetHeadcount'), { placeholder: formatCount(segment.targetHeadcount) }),
      people: number(path('people')),
      growth: input(path('growthPercent'), { inputmode: 'decimal' }),
      cohort: number(`cohorts.0.people.${segment.code}`),
    };
  });

  const form = h(
    'fieldset',
    {},
    h('legend', {}, t('Isian skenario')),
    field(t('Nama skenario'), input('name', { maxlength: 200 })),
    field(t('ID skenario'), input('id', { maxlength: 80, placeholder: 'tambah-petani-2028' }), t('Huruf kecil, angka dan tanda hubung, misalnya tambah-petani-2028.')),
    h('div', { class: 'filters' }, field(t('Tahun anggaran'), yearInput), field(t('Proyeksi'), projection)),
    h(
      'div',
      { class: 'filters' },
      field(t('Pagu (Rp)'), input('ceiling', { inputmode: 'numeric', placeholder: 'Rp' }), t('Kosong: tanpa pagu.')),
      field(t('Penghasilan dideklarasikan BPU (Rp)'), input('declaredIncome', { inputmode: 'numeric', placeholder: 'Rp' })),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('Kohort tambahan (APBD-Perubahan)')),
      field(t('Mulai bulan'), cohortMonth),
      h('div', { class: 'filters' }, ...segments.map((s) => field(t('{segment}: peserta', { segment: s.segment.name }), s.cohort))),
    ),
    ...segments.map((s) =>
      h(
        'fieldset',
        {},
        h('legend', {}, s.segment.name),
        h('div', { class: 'filters' }, field(t('Target peserta'), s.target), field(t('Peserta diasumsikan'), s.people, t('Kosong: roster.')), field(t('Pertumbuhan per tahun (%)'), s.growth)),
      ),
    ),
  );

  const text = control('(body)', h('textarea', { name: 'document', rows: 14, spellcheck: 'false', class: 'code' }));
  if (template) text.value = stringify(scenarioDocument(template));
  const textField = field(t('Dokumen skenario (YAML atau JSON)'), text, t('Isian yang sama dengan berkas skenario; regulationId boleh dilewati.'));

  const mode = (value: 'form' | 'text', label: string) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'editor-mode', value, checked: value === 'form' }), ' ', label);
  const result = h('div', {});
  const submit = h('button', { type: 'submit', class: 'primary' }, t('Simpan skenario'));
  const editor = h(
    'form',
    { class: 'card scenario-editor', 'aria-labelledby': 'editor-heading', novalidate: true },
    h('h2', { id: 'editor-heading' }, t('Simpan skenario')),
    h('fieldset', {}, h('legend', {}, t('Cara menulis')), mode('form', t('Formulir')), mode('text', t('YAML atau JSON'))),
    form,
    textField,
    result,
    submit,
  );
  const textMode = () => editor.querySelector<HTMLInputElement>('input[name=editor-mode]:checked')?.value === 'text';
  const showMode = () => {
    form.hidden = textMode();
    textField.hidden = !textMode();
  };
  editor.addEventListener('change', showMode);
  showMode();

  const fromForm = (): Record<string, unknown> => {
    const filled = (element: HTMLInputElement | HTMLSelectElement) => element.value.trim() !== '';
    const document: Record<string, unknown> = { id: controls.get('id')!.value.trim(), name: controls.get('name')!.value.trim(), regulationId: regulation.id, year: numberOrText(yearInput.value) };
    for (const key of ['ceiling', 'declaredIncome']) if (filled(controls.get(key) as HTMLInputElement)) document[key] = rupiahOrText(controls.get(key)!.value);
    const cohortPeople = Object.fromEntries(segments.filter((s) => filled(s.cohort)).map((s) => [s.segment.code, numberOrText(s.cohort.value)]));
    if (cohortMonth.value) document.cohorts = [{ startMonth: `${yearInput.value}-${cohortMonth.value}`, people: cohortPeople }];
    if (projection.value !== '1') document.projectionYears = Number(projection.value);
    const changes = segments.flatMap((s) => {
      const change: Record<string, unknown> = {};
      if (filled(s.target)) change.targetHeadcount = numberOrText(s.target.value);
      if (filled(s.people)) change.people = numberOrText(s.people.value);
      if (filled(s.growth)) change.growthPercent = numberOrText(s.growth.value.replace(',', '.'));
      return Object.keys(change).length > 0 ? [[s.segment.code, change] as const] : [];
    });
    if (changes.length > 0) document.segments = Object.fromEntries(changes);
    return document;
  };

  editor.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFieldErrors(controls);
    let document: Record<string, unknown>;
    try {
      document = textMode() ? fromText(text.value, regulation.id) : fromForm();
    } catch (error) {
      replace(result, errorNotice(error));
      text.focus();
      return;
    }
    submit.disabled = true;
    replace(result, h('p', { role: 'status' }, t('Menyimpan skenario…')));
    const path = `/regulations/${encodeURIComponent(regulation.id)}/scenarios/${encodeURIComponent(String(document.id ?? ''))}`;
    apiSend<SaveScenarioResult>('PUT', path, document).then(onSaved, (error: unknown) => {
      submit.disabled = false;
      replace(result, errorNotice(error));
      if (error instanceof ApiError && !textMode()) showFieldErrors(controls, error);
    });
  });
  return editor;
}

/** The YAML or JSON document (JSON is YAML too), its regulation filled in when left out. */
function fromText(text: string, regulationId: string): Record<string, unknown> {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new ApiError(400, t('Dokumen ini bukan YAML atau JSON yang sah.'), [{ path: '(body)', message: error instanceof Error ? error.message : String(error) }]);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new ApiError(400, t('Dokumen skenario berisi isian seperti id, name dan year.'));
  const fields = document as Record<string, unknown>;
  if (typeof fields.id !== 'string' || !fields.id) throw new ApiError(400, t('Dokumen skenario perlu id.'), [{ path: 'id', message: t('wajib diisi') }]);
  return { regulationId, ...fields };
}

/** A whole number as a number; anything else as typed, for the API to name what is wrong with it. */
function numberOrText(value: string): number | string {
  const trimmed = value.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
}

/** Rupiah as the CLI reads them (`1500000`, `1.500.000`, `Rp1.500.000`); anything else as typed. */
function rupiahOrText(value: string): number | string {
  try {
    return parseRupiah(value);
  } catch {
    return value.trim();
  }
}

/** The API's paths (`cohorts[0].startMonth`, `cohorts.0.people.X`) as the editor's. */
function normalPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1');
}

function showFieldErrors(controls: ReadonlyMap<string, HTMLElement>, error: ApiError): void {
  let first: HTMLElement | undefined;
  for (const issue of error.issues) {
    const control = controls.get(normalPath(issue.path));
    if (!control || control.closest('[hidden]')) continue;
    const message = h('small', { id: uniqueId('error'), class: 'field-error' }, issue.message);
    control.after(message);
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), message.id].filter(Boolean).join(' '));
    first ??= control;
  }
  first?.focus();
}

function clearFieldErrors(controls: ReadonlyMap<string, HTMLElement>): void {
  for (const control of controls.values()) {
    control.removeAttribute('aria-invalid');
    const describedBy = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.startsWith('error-'));
    if (describedBy.length > 0) control.setAttribute('aria-describedby', describedBy.join(' '));
    else control.removeAttribute('aria-describedby');
    control.parentElement?.querySelectorAll('.field-error').forEach((message) => message.remove());
  }
}
