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

/**
 * A table with a caption, header cells with scope, and rows of cells (numbers right-aligned by
 * class), in its own box that scrolls sideways when the table is wider than the screen, its
 * first column held in place (console.css). `stack`: on a phone, each row becomes a card with
 * its cells under their column's name, for lists read one record at a time (proposals, runs,
 * audit events) rather than figures compared down a column.
 */
export function table(caption: string, headers: readonly string[], rows: readonly (readonly Child[])[], options: { numeric?: readonly number[]; footer?: readonly Child[]; stack?: boolean } = {}): HTMLElement {
  const numeric = new Set(options.numeric ?? []);
  const cell = (tag: 'th' | 'td', content: Child, i: number) =>
    h(tag, { scope: tag === 'th' ? 'row' : undefined, class: numeric.has(i) ? 'num' : undefined, 'data-label': options.stack && i > 0 ? headers[i] : undefined }, content);
  const captionElement = h('caption', { id: uniqueId('caption') }, caption);
  const element = h(
    'table',
    { class: options.stack ? 'stack' : undefined },
    captionElement,
    h('thead', {}, h('tr', {}, ...headers.map((header, i) => h('th', { scope: 'col', class: numeric.has(i) ? 'num' : undefined }, header)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((content, i) => cell(i === 0 ? 'th' : 'td', content, i))))),
    options.footer ? h('tfoot', {}, h('tr', {}, ...options.footer.map((content, i) => cell(i === 0 ? 'th' : 'td', content, i)))) : undefined,
  );
  if (options.stack) keepTableRoles(element);
  return scrollBox(element, captionElement.id);
}

/**
 * A wide element's own box that scrolls sideways, so the page does not. Keyboard users reach it
 * with Tab to scroll it with the arrow keys; screen readers hear it named after the caption.
 */
export function scrollBox(content: HTMLElement, labelledBy: string): HTMLElement {
  return h('div', { class: 'scroll-box', role: 'region', tabindex: 0, 'aria-labelledby': labelledBy }, content);
}

/**
 * A table laid out as cards (display: block) is no longer a table to some browsers' accessibility
 * trees (Safari); its roles, stated, keep it one for screen readers.
 */
function keepTableRoles(element: HTMLTableElement): void {
  element.setAttribute('role', 'table');
  // The table's own sections, rows and cells only: never those of a table inside a cell.
  for (const group of [element.tHead, ...element.tBodies, element.tFoot]) group?.setAttribute('role', 'rowgroup');
  for (const row of element.rows) {
    row.setAttribute('role', 'row');
    for (const cell of row.cells) cell.setAttribute('role', cell.tagName === 'TD' ? 'cell' : cell.scope === 'col' ? 'columnheader' : 'rowheader');
  }
}

/** A polite live region message (status) or an assertive one (alert). */
export function notice(kind: 'status' | 'alert', ...children: Child[]): HTMLElement {
  return h('div', { role: kind, class: `notice ${kind === 'alert' ? 'error' : 'info'}` }, ...children);
}
