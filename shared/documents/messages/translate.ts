import { formatCount } from '../../core/people/people-count';

/**
 * Lindung speaks Bahasa Indonesia, with English one switch away (the console's toggle, the CLI's
 * `--lang`). Texts are written in Indonesian where they are used and looked up in a catalogue
 * for English, keyed by the Indonesian, so a text without a translation does not compile.
 */
export type Language = 'id' | 'en';

/** The text in `language`, with `{name}` placeholders filled in from `values`. */
export function translate<K extends string>(english: Readonly<Record<K, string>>, language: Language, text: K, values: Readonly<Record<string, string | number>> = {}): string {
  const template = language === 'en' ? english[text] : text;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A count with the language's grouping: `3.844` in Indonesian (people-count.ts), `3,844` in English. */
export function formatCountIn(language: Language, count: number): string {
  return language === 'id' ? formatCount(count) : count.toLocaleString('en-US');
}
