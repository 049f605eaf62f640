/**
 * OOXML strings escape characters XML cannot carry as `_xHHHH_` (Excel writes a carriage return
 * in a cell as `_x000D_`), and a literal `_xHHHH_` in the text as `_x005F_xHHHH_`.
 */
const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Text as Excel shows it, from text as stored in a `<t>` or `<v>` element. */
export function unescapeOoxmlText(stored: string): string {
  if (!stored.includes('_x')) return stored;
  return stored.replace(ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** Text to store so that Excel (and `unescapeOoxmlText`) shows it unchanged. */
export function escapeOoxmlText(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(ESCAPE, '_x005F$&');
}
