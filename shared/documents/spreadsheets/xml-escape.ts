/** Characters XML 1.0 cannot contain at all, not even as `&#...;`: most C0 controls, lone surrogates, U+FFFE/U+FFFF. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Quick test for anything `escapeXml` changes, so clean text (nearly all of it) skips the work. */
const NEEDS_WORK = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Text safe inside an XML element or a double-quoted attribute. Characters XML forbids (a stray
 * control character pasted from another system) are dropped: one of them would make Excel refuse
 * the whole file. A carriage return becomes `&#13;`, since parsers turn a literal one into `\n`.
 */
export function escapeXml(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}
