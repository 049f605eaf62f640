import type { Page } from 'playwright-core';

/**
 * What sticks out sideways on the page as it is laid out now, one line per offending element,
 * named by a CSS selector (and the start of its text) so a failure says what to fix:
 *
 * - the page itself wider than the viewport (the user would scroll the whole page sideways);
 * - an element whose box reaches past the viewport's right edge;
 * - an element whose content is wider than its own box (a figure running out of its card),
 *   which at a wide viewport stays inside the page and so is not caught by the first two.
 *
 * Whatever sits inside a box that scrolls or clips sideways (a wide table in its scroll box, a
 * chart's SVG) is that box's business and is not reported. Empty list: nothing overflows.
 */
export async function sidewaysOverflows(page: Page): Promise<string[]> {
  // The callback runs in the page; this project's types have no DOM, hence `any`.
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const view = globalThis as any;
    const width: number = view.innerWidth;
    // Half a pixel either way is rounding, not overflow.
    const slack = 1;
    const clipsSideways = (element: any) => ['auto', 'scroll', 'hidden', 'clip'].includes(view.getComputedStyle(element).overflowX);
    const insideScrollBox = (element: any) => {
      for (let parent = element.parentElement; parent && parent !== doc.body; parent = parent.parentElement) if (clipsSideways(parent)) return true;
      return false;
    };
    const selectorOf = (element: any) => {
      const parts: string[] = [];
      for (let e = element; e && e !== doc.body; e = e.parentElement) {
        if (e.id) {
          parts.unshift(`#${e.id}`);
          break;
        }
        let part = String(e.tagName).toLowerCase() + [...e.classList].map((c: string) => `.${c}`).join('');
        if (e.dataset?.testid) part += `[data-testid="${e.dataset.testid}"]`;
        const same = e.parentElement ? [...e.parentElement.children].filter((s: any) => s.tagName === e.tagName) : [];
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(e) + 1})`;
        parts.unshift(part);
      }
      return parts.join(' > ');
    };
    const text = (element: any) => {
      const words = String(element.textContent ?? '').replace(/\s+/g, ' ').trim();
      return words ? ` "${words.length > 40 ? `${words.slice(0, 40)}…` : words}"` : '';
    };
    // Form controls scroll their own text; replaced elements draw into their box.
    const ownScroller = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'PROGRESS', 'IFRAME', 'IMG', 'svg']);

    const found: string[] = [];
    if (doc.documentElement.scrollWidth > width + slack) found.push(`the page is ${doc.documentElement.scrollWidth}px wide in a ${width}px viewport`);
    const offenders: { element: any; problem: string; pastEdge: boolean }[] = [];
    for (const element of doc.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if ((box.width === 0 && box.height === 0) || insideScrollBox(element)) continue;
      if (box.right > width + slack) {
        offenders.push({ element, pastEdge: true, problem: `reaches ${Math.round(box.right)}px, past the ${width}px viewport` });
        continue;
      }
      const style = view.getComputedStyle(element);
      if (ownScroller.has(element.tagName) || style.display === 'inline' || style.overflowX !== 'visible') continue;
      if (element.scrollWidth > element.clientWidth + slack) {
        offenders.push({ element, pastEdge: false, problem: `holds content ${element.scrollWidth}px wide in its ${element.clientWidth}px box` });
      }
    }
    // The culprit only: an element past the edge, not its children past it too; an element whose
    // content is too wide, not the ancestors it makes too wide in turn.
    const pastEdge = new Set(offenders.filter((o) => o.pastEdge).map((o) => o.element));
    for (const { element, problem, pastEdge: isPast } of offenders) {
      const culprit = isPast ? !pastEdge.has(element.parentElement) : !offenders.some((o) => o.element !== element && element.contains(o.element));
      if (culprit) found.push(`${selectorOf(element)}${text(element)} ${problem}`);
    }
    return found;
  });
}
