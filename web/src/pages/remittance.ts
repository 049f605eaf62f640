import type { z } from 'zod';
import type { ExpectedBillList } from '../../../shared/api/remittance-schemas';
import type { ArrearsWatch, MonthRemittance, MonthState } from '../../../shared/core/remittance/arrears';
import type { ExpectedBill } from '../../../shared/core/remittance/expected-bills';
import type { Regulation } from '../../../shared/core/regulation/regulation';
import { rupiahCell, type SheetCell } from '../../../shared/documents/spreadsheets/sheet-cell';
import { apiGet } from '../api-client';
import { h, notice, replace, table } from '../dom';
import { exportButtons } from '../export/export-buttons';
import { formatCount, formatDate, formatMonth, formatRupiah } from '../format';
import { t } from '../i18n';
import type { PageContext } from '../main';
import { pickRegulation } from '../regulation-picker';
import { BILL_STATUS_LABELS, MONTH_STATE_LABELS } from '../reason-labels';
import { href } from '../router';

/** A state as a badge: text for everyone, the colour only repeats it. */
export function stateBadge(state: MonthState): HTMLElement {
  return h('span', { class: `badge remit-${state}`, 'data-state': state }, t(MONTH_STATE_LABELS[state]));
}

/** The twelve months of a year: `2027-01` … `2027-12`. */
function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** The address of a regulation's year on this page. */
export function remittanceHref(regulationId: string, year: number): string {
  return `#/iuran?${new URLSearchParams({ regulation: regulationId, year: String(year) })}`;
}

/**
 * Iuran & rekonsiliasi: for a regulation and year, each month's expected bill (people × premium
 * per segment), the insurer's bill imported for it, what acceptance made payable, what was paid,
 * and the arrears state as of today; and who would lose cover, and when, if nothing is paid.
 */
export async function remittancePage(main: HTMLElement, { route }: PageContext): Promise<void> {
  const picked = await pickRegulation(route);
  const heading = h('h1', { tabindex: '-1' }, t('Iuran & rekonsiliasi'));
  if (!picked.regulation) {
    replace(main, heading, notice('status', t('Belum ada peraturan.')));
    return;
  }
  const id = encodeURIComponent(picked.regulation.id);
  const year = picked.year;
  const [expected, arrears, regulation] = await Promise.all([
    apiGet<z.infer<typeof ExpectedBillList>>(`/regulations/${id}/bills`, { year }),
    apiGet<ArrearsWatch>(`/regulations/${id}/arrears`, { year }),
    apiGet<Regulation>(`/regulations/${id}`).catch(() => undefined),
  ]);
  const segmentName = (code: string) => regulation?.segments.find((s) => s.code === code)?.name ?? code;
  const expectedOf = new Map(expected.bills.map((b) => [b.month, b]));
  const stateOf = new Map(arrears.months.map((m) => [m.month, m]));
  const months = monthsOf(year).map((month) => ({ month, expected: expectedOf.get(month), remittance: stateOf.get(month) }));

  replace(
    main,
    heading,
    picked.form,
    h('p', { class: 'lead' }, `${picked.regulation.title} · ${t('Tahun anggaran')} ${year} · ${t('Keadaan per {date}', { date: formatDate(arrears.asOf) })}`),
    expected.bills.length === 0 ? notice('status', t('Belum ada peserta yang didaftarkan untuk tahun ini, jadi belum ada iuran yang ditagihkan.')) : undefined,
    losesCoverNotice(arrears, segmentName),
    h(
      'section',
      { 'aria-labelledby': 'months-heading' },
      h('h2', { id: 'months-heading' }, t('Iuran per bulan')),
      table(
        t('Iuran per bulan: yang diharapkan, tagihan BPJS, dibayar dan keadaannya'),
        [t('Bulan'), t('Jatuh tempo'), t('Peserta'), t('Iuran diharapkan'), t('Tagihan BPJS'), t('Kontrol tagihan'), t('Dapat dibayar'), t('Dibayar'), t('Keadaan')],
        months.map(({ month, expected: bill, remittance }) => monthRow(month, bill, remittance, segmentName)),
        {
          numeric: [2, 3, 6, 7],
          footer: [
            t('Jumlah'),
            '',
            '',
            formatRupiah(expected.bills.reduce((sum, b) => sum + b.controlTotal, 0)),
            '',
            '',
            formatRupiah(arrears.months.reduce((sum, m) => sum + (m.payable ?? 0), 0)),
            formatRupiah(arrears.months.reduce((sum, m) => sum + m.paid, 0)),
            '',
          ],
        },
      ),
      exportButtons(`iuran-${picked.regulation.id}-${year}`, t('Iuran'), () => remittanceRows(months)),
    ),
  );
}

function monthRow(month: string, bill: ExpectedBill | undefined, remittance: MonthRemittance | undefined, segmentName: (code: string) => string): (string | HTMLElement)[] {
  const imported = bill?.bill;
  const state = remittance?.state ?? 'none';
  // Per segment on expand: people × premium of each segment, as the insurer should bill them.
  const people = bill
    ? h(
        'details',
        {},
        h('summary', {}, formatCount(bill.controlCount)),
        table(
          t('Per segmen, {month}', { month: formatMonth(month) }),
          [t('Segmen'), t('Peserta'), t('Iuran')],
          bill.segments.map((s) => [segmentName(s.segment), formatCount(s.people), formatRupiah(s.amount)]),
          { numeric: [1, 2] },
        ),
      )
    : '—';
  return [
    formatMonth(month),
    remittance?.dueDate || bill?.dueDate ? formatDate((remittance?.dueDate ?? bill?.dueDate)!) : '—',
    people,
    bill ? formatRupiah(bill.controlTotal) : '—',
    imported
      ? h(
          'div',
          { 'data-testid': `bill-${month}` },
          h('a', { href: href('tagihan', imported.billId) }, t('Kode iuran {kode}', { kode: imported.kodeIuran })),
          h('br'),
          h('span', { class: `badge bill-${imported.status}` }, t(BILL_STATUS_LABELS[imported.status])),
        )
      : t('Belum diimpor'),
    imported ? `${formatCount(imported.controlCount)} · ${formatRupiah(imported.controlTotal)}` : '—',
    imported?.payable !== undefined ? formatRupiah(imported.payable) : '—',
    imported ? formatRupiah(imported.paid) : '—',
    h('span', { 'data-testid': `state-${month}` }, stateBadge(state)),
  ];
}

/** If nothing more is paid: the day membership and protection end, and for how many people. */
function losesCoverNotice(arrears: ArrearsWatch, segmentName: (code: string) => string): HTMLElement | undefined {
  const loses = arrears.losesCover;
  if (!loses) return undefined;
  const alarming = arrears.months.some((m) => m.state === 'late' || m.state === 'at-risk' || m.state === 'inactive');
  const bySegment = Object.entries(loses.bySegment).filter(([, n]) => n > 0);
  return notice(
    alarming ? 'alert' : 'status',
    h('strong', {}, t('Jika tidak ada pembayaran, kepesertaan {people} orang nonaktif sejak {date}.', { people: formatCount(loses.people), date: formatDate(loses.on) })),
    ' ',
    t('Bulan yang belum dibayar: {months}.', { months: loses.unpaidMonths.map(formatMonth).join(', ') }),
    bySegment.length ? h('ul', {}, ...bySegment.map(([segment, n]) => h('li', {}, t('{segment}: {count} orang', { segment: segmentName(segment), count: formatCount(n) })))) : undefined,
  );
}

/**
 * The download of the year's months: people and amounts as numbers (rupiah formatted as money),
 * months, dates, statuses and states as the page writes them.
 */
export function remittanceRows(months: readonly { month: string; expected: ExpectedBill | undefined; remittance: MonthRemittance | undefined }[]): SheetCell[][] {
  const header = [t('Bulan'), t('Jatuh tempo'), t('Peserta'), t('Iuran diharapkan'), t('Tagihan BPJS'), t('Kode iuran'), t('Status'), t('Kontrol tagihan (orang)'), t('Kontrol tagihan (Rp)'), t('Dapat dibayar'), t('Dibayar'), t('Keadaan')];
  return [
    header,
    ...months.map(({ month, expected: bill, remittance }): SheetCell[] => {
      const imported = bill?.bill;
      const due = remittance?.dueDate ?? bill?.dueDate;
      return [
        formatMonth(month),
        due ? formatDate(due) : '',
        bill?.controlCount ?? 0,
        rupiahCell(bill?.controlTotal ?? 0),
        imported?.billId ?? '',
        imported?.kodeIuran ?? '',
        imported ? t(BILL_STATUS_LABELS[imported.status]) : '',
        imported ? imported.controlCount : '',
        imported ? rupiahCell(imported.controlTotal) : '',
        imported?.payable !== undefined ? rupiahCell(imported.payable) : '',
        rupiahCell(imported?.paid ?? 0),
        t(MONTH_STATE_LABELS[remittance?.state ?? 'none']),
      ];
    }),
  ];
}
