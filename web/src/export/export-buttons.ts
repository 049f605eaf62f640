import { h } from '../dom';
import { t } from '../i18n';
import { downloadSpreadsheet } from './spreadsheet-download';

/** "Unduh CSV" / "Unduh XLSX" for a table, its rows made when clicked (header first). */
export function exportButtons(baseName: string, sheetName: string, rows: () => string[][]): HTMLElement {
  const button = (format: 'csv' | 'xlsx', label: string) =>
    h('button', { type: 'button', onclick: () => void downloadSpreadsheet(rows(), format, baseName, sheetName) }, label);
  return h('div', { class: 'exports', role: 'group', 'aria-label': t('Ekspor') }, button('csv', t('Unduh CSV')), button('xlsx', t('Unduh XLSX')));
}
