import type { SheetCell } from '../../../shared/documents/spreadsheets/sheet-cell';
import { h } from '../dom';
import { t } from '../i18n';
import { downloadSpreadsheet } from './spreadsheet-download';

/** "Unduh CSV" / "Unduh XLSX" for a table, its rows made (or fetched) when clicked, header first; counts and amounts as numbers (spreadsheet-download.ts). */
export function exportButtons(baseName: string, sheetName: string, rows: () => readonly (readonly SheetCell[])[] | Promise<readonly (readonly SheetCell[])[]>, label = t('Ekspor')): HTMLElement {
  const button = (format: 'csv' | 'xlsx', label: string) =>
    h('button', { type: 'button', onclick: async () => downloadSpreadsheet(await rows(), format, baseName, sheetName) }, label);
  return h('div', { class: 'exports', role: 'group', 'aria-label': label }, button('csv', t('Unduh CSV')), button('xlsx', t('Unduh XLSX')));
}
