/**
 * A tiny element builder. Text is always set as text (never parsed as HTML), so values from the
 * API cannot inject markup.
 */

type Child = Node | string | number | false | null | undefined | readonly Child[];
type Attributes = Record<string, string | number | boolean | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Element | DocumentFragment, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's content. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let nextId = 0;
/** A unique id, to tie a label or description to its control. */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A labelled form control: the label names it for screen readers and is clickable. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  control.id ||= uniqueId('field');
  const hintElement = hint ? h('small', { id: `${control.id}-hint`, class: 'hint' }, hint) : undefined;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintElement);
}

/** A select with options [value, label]. */
export function select(name: string, options: readonly (readonly [string, string])[], value?: string): HTMLSelectElement {
  const element = h('select', { name }, ...options.map(([v, label]) => h('option', { value: v }, label)));
  if (value !== undefined) element.value = value;
  return element;
}

/** A table with a caption, header cells with scope, and rows of cells (numbers right-aligned by class). */
export function table(caption: string, headers: readonly string[], rows: readonly (readonly Child[])[], options: { numeric?: readonly number[]; footer?: readonly Child[] } = {}): HTMLTableElement {
  const numeric = new Set(options.numeric ?? []);
  const cls = (i: number) => (numeric.has(i) ? 'num' : undefined);
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((header, i) => h('th', { scope: 'col', class: cls(i) }, header)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell, i) => (i === 0 ? h('th', { scope: 'row', class: cls(i) }, cell) : h('td', { class: cls(i) }, cell)))))),
    options.footer ? h('tfoot', {}, h('tr', {}, ...options.footer.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', { class: cls(i) }, cell))))) : undefined,
  );
}

/** A polite live region message (status) or an assertive one (alert). */
export function notice(kind: 'status' | 'alert', ...children: Child[]): HTMLElement {
  return h('div', { role: kind, class: `notice ${kind === 'alert' ? 'error' : 'info'}` }, ...children);
}
