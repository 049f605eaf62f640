/**
 * Characters that make Excel or LibreOffice read a cell as a formula when a file is opened (or
 * when an office edits the cell), per OWASP's CSV injection guidance: `=`, `+`, `-`, `@`, and
 * tab and carriage return, which some programs skip before looking for those.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises a cell we export so that a value typed by someone else (`=HYPERLINK(...)`,
 * `@SUM(...)`) cannot run as a formula on the machine of the office that opens the report: such
 * a cell gets a leading `'`, which spreadsheets take as "this is text". A phone written
 * `+62812...` or a value `-5` is therefore exported as `'+62812...` and `'-5`.
 */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Undoes escapeFormula for a file Lindung wrote and reads back (the insurer's bill the simulator
 * and tests write): `'=X` → `=X`. A `'` before anything else is left alone, being data then.
 */
export function unescapeFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
