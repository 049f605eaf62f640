import type { z } from 'zod';
import type { DiscrepancyPage } from '../../../shared/api/remittance-schemas';
import { MAX_PAGE_LIMIT } from '../../../shared/api/page-limits';
import { parseRupiah } from '../../../shared/core/money/rupiah-text';
import { maskPersonalData } from '../../../shared/core/people/personal-data';
import type { Discrepancy, DiscrepancyKind, InsurerBill } from '../../../shared/core/remittance/insurer-bill';
import { rupiahCell, type SheetCell } from '../../../shared/documents/spreadsheets/sheet-cell';
import { apiGet, apiSend } from '../api-client';
import { field, h, notice, replace, select, table } from '../dom';
import { exportButtons } from '../export/export-buttons';
import { formatCount, formatDate, formatDateTime, formatMonth, formatRupiah, maskNik } from '../format';
import { t } from '../i18n';
import type { PageContext } from '../main';
import { BILL_STATUS_LABELS, DISCREPANCY_KINDS, discrepancyLabel, discrepancyNext } from '../reason-labels';
import { href, navigate } from '../router';
import { currentSession, hasRole } from '../session';
import { errorNotice } from './error-notice';
import { remittanceHref } from './remittance';

type DiscrepancyPage = z.infer<typeof DiscrepancyPage>;

/** Discrepancies listed per page; the API's cursor leads to the next. */
const PAGE_SIZE = 50;

/** How often a bill still being received or reconciled is read again. */
const POLL_MS = 1000;

/**
 * One insurer's bill: its reconciliation with the ledger, the discrepancies person by person
 * (masked NIKs only: the full NIK stays in memory for the dispute request), finance's disputes,
 * acceptance and the SP2D payments recorded against it.
 */
export async function remittanceBillPage(main: HTMLElement, context: PageContext): Promise<void> {
  const { route } = context;
  const billId = route.params[0] ?? '';
  const path = `/bills/${encodeURIComponent(billId)}`;
  const kind = DISCREPANCY_KINDS.find((k) => k === route.query.get('kind'));
  const cursor = route.query.get('cursor') ?? undefined;
  const bill = await apiGet<InsurerBill>(path);
  const page = bill.reconciliation ? await apiGet<DiscrepancyPage>(`${path}/discrepancies`, { kind, cursor, limit: PAGE_SIZE }) : undefined;
  // After an action the page is drawn again from the API, and the focus goes to what changed.
  const redraw = (focus: string) => () => void remittanceBillPage(main, context).then(() => main.querySelector<HTMLElement>(focus)?.focus());
  const inProgress = bill.status === 'receiving' || bill.status === 'reconciling';

  replace(
    main,
    h('h1', { tabindex: '-1' }, t('Tagihan {month}', { month: formatMonth(bill.month) }), ' ', h('small', {}, bill.billId)),
    h('p', { class: 'lead' }, h('a', { href: remittanceHref(bill.regulationId, bill.year) }, t('Kembali ke iuran {year}', { year: bill.year }))),
    facts(bill),
    bill.failure ? notice('alert', maskPersonalData(bill.failure)) : undefined,
    inProgress ? notice('status', t('Tagihan sedang diterima atau direkonsiliasi; halaman ini diperbarui sendiri.')) : undefined,
    bill.reconciliation ? reconciliationSection(bill) : undefined,
    bill.reconciliation && page ? discrepancySection(bill, page, kind, cursor, redraw('#discrepancies-heading')) : undefined,
    acceptanceSection(bill, redraw('#acceptance-heading')),
    paymentSection(bill, redraw('#payments-heading')),
    withdrawForm(bill, redraw('h1')),
  );
  // While the bill is received or reconciled, look again every second (until the user leaves).
  if (inProgress) {
    const address = location.hash;
    setTimeout(() => location.hash === address && navigate(address), POLL_MS);
  }
}

function statusBadge(bill: InsurerBill): HTMLElement {
  return h('span', { class: `badge bill-${bill.status}`, 'data-testid': 'bill-status' }, t(BILL_STATUS_LABELS[bill.status]));
}

function facts(bill: InsurerBill): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    h('dt', {}, t('Status')), h('dd', {}, statusBadge(bill)),
    h('dt', {}, t('Peraturan')), h('dd', {}, bill.regulationId),
    h('dt', {}, t('Bulan')), h('dd', {}, formatMonth(bill.month)),
    h('dt', {}, t('Kode iuran')), h('dd', { 'data-testid': 'kode-iuran' }, bill.kodeIuran),
    h('dt', {}, t('Kontrol tagihan')), h('dd', {}, t('{people} orang · {amount}', { people: formatCount(bill.controlCount), amount: formatRupiah(bill.controlTotal) })),
    h('dt', {}, t('Baris diterima')), h('dd', {}, t('{people} orang · {amount}', { people: formatCount(bill.received.people), amount: formatRupiah(bill.received.amount) })),
    h('dt', {}, t('Berkas')), h('dd', {}, bill.source === 'api' ? t('API BPJS Ketenagakerjaan') : bill.fileName),
    h('dt', {}, t('Diimpor')), h('dd', {}, `${bill.importedBy}, ${formatDateTime(bill.importedAt)}`),
    bill.attempt > 1 ? [h('dt', {}, t('Percobaan')), h('dd', {}, String(bill.attempt))] : undefined,
  );
}

/** Expected (the ledger) against billed (the bill's lines), people and amounts, and the count of each kind of discrepancy. */
function reconciliationSection(bill: InsurerBill): HTMLElement {
  const r = bill.reconciliation!;
  const signed = (n: number, format: (n: number) => string) => (n > 0 ? `+${format(n)}` : n < 0 ? `−${format(-n)}` : '0');
  const filter = (kind: DiscrepancyKind) => `${href('tagihan', bill.billId)}?${new URLSearchParams({ kind })}`;
  return h(
    'section',
    { 'aria-labelledby': 'reconciliation-heading' },
    h('h2', { id: 'reconciliation-heading' }, t('Rekonsiliasi')),
    table(
      t('Diharapkan (ledger) dibanding ditagih (tagihan)'),
      [t('Sisi'), t('Orang'), t('Jumlah')],
      [
        [t('Diharapkan (ledger)'), formatCount(r.expected.people), formatRupiah(r.expected.amount)],
        [t('Ditagih (baris tagihan)'), formatCount(r.billed.people), formatRupiah(r.billed.amount)],
        [t('Selisih'), signed(r.billed.people - r.expected.people, formatCount), signed(r.billed.amount - r.expected.amount, formatRupiah)],
      ],
      { numeric: [1, 2] },
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('Cocok')), h('dd', { 'data-testid': 'matched' }, t('{n} orang', { n: formatCount(r.matched) })),
      h('dt', {}, t('Ditagih pada baris berselisih')), h('dd', {}, formatRupiah(r.discrepantAmount)),
      h('dt', {}, t('Selesai')), h('dd', {}, formatDateTime(r.finishedAt)),
      h('dt', {}, t('Hash ledger')), h('dd', {}, h('code', { class: 'hash' }, r.ledgerHash)),
    ),
    table(
      t('Selisih per jenis'),
      [t('Jenis'), t('Orang'), t('Langkah berikutnya')],
      DISCREPANCY_KINDS.map((kind) => {
        const count = r.discrepancies[kind] ?? 0;
        const label = discrepancyLabel(kind);
        return [count > 0 ? h('a', { href: filter(kind) }, label) : h('span', {}, label), h('span', { 'data-testid': `count-${kind}` }, formatCount(count)), count > 0 ? discrepancyNext(kind) : '—'];
      }),
      { numeric: [1], footer: [t('Jumlah'), formatCount(DISCREPANCY_KINDS.reduce((sum, kind) => sum + (r.discrepancies[kind] ?? 0), 0)), ''] },
    ),
  );
}

/** The discrepancies person by person, one API page at a time, filtered by kind; finance disputes lines here. */
function discrepancySection(bill: InsurerBill, page: DiscrepancyPage, kind: DiscrepancyKind | undefined, cursor: string | undefined, afterDispute: () => void): HTMLElement {
  const base = href('tagihan', bill.billId);
  const address = (query: Record<string, string | undefined>) => {
    const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => !!entry[1]));
    return search.size ? `${base}?${search}` : base;
  };
  const kindSelect = select('kind', [['', t('Semua jenis')], ...DISCREPANCY_KINDS.map((k) => [k, discrepancyLabel(k)] as const)], kind ?? '');
  const filterForm = h('form', { class: 'filters', role: 'search', 'aria-label': t('Saring selisih') }, field(t('Jenis selisih'), kindSelect), h('button', { type: 'submit' }, t('Tampilkan')));
  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(address({ kind: kindSelect.value || undefined }));
  });
  const mayDispute = hasRole('finance') && bill.status === 'reconciled';
  const headers = ['NIK', t('Nama'), 'KPJ', t('Segmen'), t('Jenis'), t('Baris'), t('Diharapkan'), t('Ditagih'), t('Keterangan'), t('Sanggahan')];
  return h(
    'section',
    { 'aria-labelledby': 'discrepancies-heading' },
    h('h2', { id: 'discrepancies-heading', tabindex: '-1' }, t('Selisih per orang')),
    filterForm,
    page.items.length === 0
      ? notice('status', cursor ? t('Tidak ada selisih lagi.') : t('Tidak ada selisih.'))
      : [
          exportButtons(`selisih-${bill.billId}${kind ? `-${kind}` : ''}`, 'Selisih', () => exportRows(bill.billId, kind)),
          table(
            cursor ? t('Selisih per orang, halaman berikutnya') : t('Selisih per orang'),
            headers,
            page.items.map((d) => [
              maskNik(d.nik),
              d.name,
              d.kpj || '—',
              d.segment,
              discrepancyLabel(d.kind),
              d.lines.length ? d.lines.join(', ') : '—',
              formatRupiah(d.expected),
              formatRupiah(d.billed),
              maskPersonalData(d.detail),
              h(
                'div',
                { class: 'dispute' },
                d.dispute ? h('p', { 'data-testid': 'dispute-note' }, maskPersonalData(d.dispute.note), h('br'), h('small', {}, `${d.dispute.by}, ${formatDateTime(d.dispute.at)}`)) : undefined,
                mayDispute ? disputeForm(bill, d, afterDispute) : d.dispute ? undefined : '—',
              ),
            ]),
            { numeric: [6, 7], stack: true },
          ),
        ],
    h(
      'p',
      { class: 'actions' },
      cursor ? h('a', { href: address({ kind }) }, t('Halaman pertama')) : undefined,
      page.nextCursor ? h('a', { href: address({ kind, cursor: page.nextCursor }), rel: 'next' }, t('Halaman berikutnya')) : undefined,
    ),
  );
}

/**
 * Finance's dispute of a person's line, with a note for the BPJS branch. The request names the
 * person by NIK, which the page has from the API and never shows.
 */
function disputeForm(bill: InsurerBill, d: Discrepancy, afterDispute: () => void): HTMLElement {
  const note = h('textarea', { name: 'note', rows: 2, maxlength: 1000, required: true });
  note.value = d.dispute?.note ?? '';
  const result = h('div', {});
  const submit = h('button', { type: 'submit' }, t('Kirim sanggahan'));
  const form = h('form', {}, field(t('Catatan sanggahan untuk {nik}', { nik: maskNik(d.nik) }), note), submit, result);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    apiSend<Discrepancy>('POST', `/bills/${encodeURIComponent(bill.billId)}/disputes`, { nik: d.nik, note: note.value.trim() }).then(afterDispute, (error: unknown) => {
      submit.disabled = false;
      replace(result, errorNotice(error));
    });
  });
  return h('details', {}, h('summary', {}, d.dispute ? t('Ubah sanggahan') : t('Sanggah')), form);
}

/** Every discrepancy of the filter, for the download: NIKs masked as on the page. */
async function exportRows(billId: string, kind: DiscrepancyKind | undefined): Promise<SheetCell[][]> {
  const rows: SheetCell[][] = [['NIK', t('Nama'), 'KPJ', t('Segmen'), t('Jenis'), t('Baris'), t('Diharapkan'), t('Ditagih'), t('Keterangan'), t('Sanggahan'), t('Disanggah oleh')]];
  let cursor: string | undefined;
  do {
    const page = await apiGet<DiscrepancyPage>(`/bills/${encodeURIComponent(billId)}/discrepancies`, { kind, cursor, limit: MAX_PAGE_LIMIT });
    rows.push(
      ...page.items.map((d) => [
        maskNik(d.nik),
        d.name,
        d.kpj ?? '',
        d.segment,
        discrepancyLabel(d.kind),
        d.lines.join(' '),
        rupiahCell(d.expected),
        rupiahCell(d.billed),
        maskPersonalData(d.detail),
        d.dispute ? maskPersonalData(d.dispute.note) : '',
        d.dispute?.by ?? '',
      ]),
    );
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

/** The acceptance once made (its hash and what may be paid), or finance's form to accept a reconciled bill. */
function acceptanceSection(bill: InsurerBill, afterAcceptance: () => void): HTMLElement | undefined {
  const heading = h('h2', { id: 'acceptance-heading', tabindex: '-1' }, t('Penerimaan tagihan'));
  const a = bill.acceptance;
  if (a) {
    return h(
      'section',
      { 'aria-labelledby': 'acceptance-heading' },
      heading,
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('Diterima oleh')), h('dd', {}, `${a.by}, ${formatDateTime(a.at)}`),
        a.note ? [h('dt', {}, t('Catatan')), h('dd', {}, maskPersonalData(a.note))] : undefined,
        h('dt', {}, t('Hash penerimaan')), h('dd', {}, h('code', { class: 'hash', 'data-testid': 'acceptance-hash' }, a.hash)),
        h('dt', {}, t('Disanggah')), h('dd', {}, t('{people} orang · {amount}', { people: formatCount(a.disputed.people), amount: formatRupiah(a.disputed.amount) })),
        h('dt', {}, t('Dapat dibayar')), h('dd', {}, h('strong', { 'data-testid': 'payable' }, formatRupiah(a.payable))),
      ),
    );
  }
  if (!hasRole('finance') || bill.status !== 'reconciled') return undefined;
  const note = h('textarea', { name: 'acceptance-note', rows: 2, maxlength: 1000 });
  const result = h('div', {});
  const submit = h('button', { type: 'submit', class: 'primary' }, t('Terima tagihan'));
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'acceptance-heading' },
    heading,
    h('p', {}, t('Menerima membekukan tagihan dan mengikatnya pada hash tagihan, ledger dan sanggahan. Yang dapat dibayar: total tagihan dikurangi baris yang disanggah.')),
    field(t('Catatan (tidak wajib)'), note),
    submit,
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    const body = note.value.trim() ? { note: note.value.trim() } : {};
    apiSend<InsurerBill>('POST', `/bills/${encodeURIComponent(bill.billId)}/acceptance`, body).then(afterAcceptance, (error: unknown) => {
      submit.disabled = false;
      replace(result, errorNotice(error));
    });
  });
  return form;
}

/** The SP2Ds recorded against an accepted bill, and the form to record one (never by whoever accepted it). */
function paymentSection(bill: InsurerBill, afterPayment: () => void): HTMLElement | undefined {
  const a = bill.acceptance;
  if (!a && bill.payments.length === 0) return undefined;
  const payable = a?.payable ?? 0;
  const remaining = Math.max(0, payable - bill.paid);
  return h(
    'section',
    { 'aria-labelledby': 'payments-heading' },
    h('h2', { id: 'payments-heading', tabindex: '-1' }, t('Pembayaran (SP2D)')),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('Dapat dibayar')), h('dd', {}, formatRupiah(payable)),
      h('dt', {}, t('Dibayar')), h('dd', { 'data-testid': 'paid' }, formatRupiah(bill.paid)),
      h('dt', {}, t('Sisa')), h('dd', { 'data-testid': 'remaining' }, formatRupiah(remaining)),
    ),
    bill.payments.length === 0
      ? h('p', {}, t('Belum ada pembayaran.'))
      : table(
          t('Pembayaran yang dicatat'),
          [t('Nomor SP2D'), t('Tanggal SP2D'), t('Jumlah'), t('Kode iuran'), t('Dicatat oleh')],
          bill.payments.map((p) => [p.sp2dNumber, formatDate(p.sp2dDate), formatRupiah(p.amount), p.kodeIuran, `${p.recordedBy}, ${formatDateTime(p.recordedAt)}`]),
          { numeric: [2], footer: [t('Jumlah'), '', formatRupiah(bill.paid), '', ''] },
        ),
    a && bill.status === 'accepted' && remaining > 0 && hasRole('finance') ? paymentForm(bill, remaining, afterPayment) : undefined,
  );
}

function paymentForm(bill: InsurerBill, remaining: number, afterPayment: () => void): HTMLElement {
  // Separation of duties (shared/core/remittance/record-payment.ts); the API refuses it too.
  if (currentSession()?.username === bill.acceptance?.by) {
    return notice('status', t('Anda menerima tagihan ini, jadi petugas BPKAD lain yang mencatat pembayarannya.'));
  }
  const number = h('input', { name: 'sp2dNumber', required: true, maxlength: 80, autocomplete: 'off' });
  const date = h('input', { name: 'sp2dDate', type: 'date', required: true });
  const amount = h('input', { name: 'amount', required: true, inputmode: 'numeric', autocomplete: 'off', value: String(remaining) });
  const kode = h('input', { name: 'kodeIuran', required: true, inputmode: 'numeric', autocomplete: 'off', maxlength: 11, pattern: '\\d{11}' });
  const result = h('div', {});
  const submit = h('button', { type: 'submit', class: 'primary' }, t('Catat pembayaran'));
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'payment-form-heading' },
    h('h3', { id: 'payment-form-heading' }, t('Catat pembayaran')),
    field(t('Nomor SP2D'), number),
    field(t('Tanggal SP2D'), date),
    field(t('Jumlah (Rp)'), amount, t('Paling banyak {amount}; pembayaran sebagian boleh.', { amount: formatRupiah(remaining) })),
    field(t('Kode iuran'), kode, t('11 digit, seperti tertulis pada tagihan dan SP2D.')),
    submit,
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    let rupiah: number;
    try {
      rupiah = parseRupiah(amount.value);
    } catch (error) {
      replace(result, errorNotice(error));
      return;
    }
    submit.disabled = true;
    const body = { sp2dNumber: number.value.trim(), sp2dDate: date.value, amount: rupiah, kodeIuran: kode.value.trim() };
    apiSend<InsurerBill>('POST', `/bills/${encodeURIComponent(bill.billId)}/payments`, body).then(afterPayment, (error: unknown) => {
      submit.disabled = false;
      replace(result, errorNotice(error));
    });
  });
  return form;
}

/** Finance takes back a bill not accepted, so that the insurer's corrected bill can take its month. */
function withdrawForm(bill: InsurerBill, afterWithdrawal: () => void): HTMLElement | undefined {
  if (!hasRole('finance') || !['receiving', 'reconciled', 'failed'].includes(bill.status)) return undefined;
  const reason = h('textarea', { name: 'withdraw-reason', rows: 2, maxlength: 1000, required: true });
  const result = h('div', {});
  const submit = h('button', { type: 'submit' }, t('Tarik tagihan'));
  const form = h('form', {}, field(t('Alasan penarikan (wajib)'), reason, t('Tagihan yang belum diterima ditarik agar tagihan koreksi dari BPJS dapat diimpor untuk bulan ini.')), submit, result);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    apiSend<InsurerBill>('POST', `/bills/${encodeURIComponent(bill.billId)}/withdrawal`, { reason: reason.value.trim() }).then(afterWithdrawal, (error: unknown) => {
      submit.disabled = false;
      replace(result, errorNotice(error));
    });
  });
  return h('details', { class: 'card' }, h('summary', {}, t('Tarik tagihan')), form);
}
