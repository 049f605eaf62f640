/**
 * Charts as inline SVG. Each is an image with a title and a description that states its figures,
 * so a screen reader gets the numbers; the pages also show them in a table beside the chart.
 */

const SVG = 'http://www.w3.org/2000/svg';

export interface BarSeries {
  readonly label: string;
  /** CSS class that colours the series (see console.css: .series-0, .series-1, …). */
  readonly className: string;
  readonly values: readonly number[];
}

export interface BarChart {
  readonly title: string;
  readonly description: string;
  readonly categories: readonly string[];
  readonly series: readonly BarSeries[];
  readonly format: (value: number) => string;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

let chartCount = 0;

/**
 * Charts have no viewBox: positions across are percentages of the chart's width and everything
 * else is in CSS pixels, so the chart takes any width (a phone's 360 px, a laptop's 760 px) with
 * its text at the stylesheet's size. A viewBox would scale the whole drawing, and 12 px labels
 * drawn 720 wide would shrink to 6 px on a phone.
 */
const percent = (share: number) => `${share}%`;

function chartRoot(chart: BarChart, height: number): SVGSVGElement {
  chartCount += 1;
  const titleId = `chart-${chartCount}-title`;
  const descId = `chart-${chartCount}-desc`;
  const root = svg('svg', { width: '100%', height, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, class: 'chart' });
  root.append(svg('title', { id: titleId }, chart.title), svg('desc', { id: descId }, chart.description));
  return root;
}

/**
 * Horizontal grouped bars: one group per category, its name above its bars (a name beside them
 * would take a third of a phone's width), one bar per series, the value at the bar's end.
 */
export function horizontalBars(chart: BarChart): SVGSVGElement {
  // The longest bar takes this share of the width; the rest holds its value ("Rp2.646.000.000").
  const plotShare = 62;
  const labelHeight = 18;
  const barHeight = 16;
  const groupGap = 12;
  const groupHeight = labelHeight + chart.series.length * barHeight + groupGap;
  const legendHeight = 26;
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values));
  const root = chartRoot(chart, legendHeight + chart.categories.length * groupHeight);
  chart.series.forEach((series, i) => {
    const x = i * 160;
    root.append(svg('rect', { x, y: 4, width: 12, height: 12, class: series.className }), svg('text', { x, dx: 18, y: 14, class: 'legend' }, series.label));
  });
  chart.categories.forEach((category, c) => {
    const top = legendHeight + c * groupHeight;
    root.append(svg('text', { x: 0, y: top + labelHeight - 5, class: 'axis' }, category));
    chart.series.forEach((series, s) => {
      const value = series.values[c] ?? 0;
      const y = top + labelHeight + s * barHeight;
      // A value above zero gets a sliver of a bar even when it is tiny next to the largest.
      const share = value > 0 ? Math.max(0.4, (value / max) * plotShare) : 0;
      root.append(
        svg('rect', { x: 0, y: y + 2, width: percent(share), height: barHeight - 4, class: series.className }, svg('title', {}, `${category}, ${series.label}: ${chart.format(value)}`)),
        svg('text', { x: percent(share), dx: 6, y: y + barHeight - 4, class: 'value' }, chart.format(value)),
      );
    });
  });
  return root;
}

/** Vertical bars over time (e.g. the months of a year). */
export function columns(chart: BarChart): SVGSVGElement {
  const [series] = chart.series;
  const values = series?.values ?? [];
  const bottom = 170;
  const slot = 100 / Math.max(1, chart.categories.length);
  const max = Math.max(1, ...values);
  const root = chartRoot(chart, 200);
  chart.categories.forEach((category, i) => {
    const value = values[i] ?? 0;
    const barHeight = (value / max) * (bottom - 30);
    const middle = percent(i * slot + slot / 2);
    root.append(
      svg('rect', { x: percent(i * slot + slot * 0.15), y: bottom - barHeight, width: percent(slot * 0.7), height: barHeight, class: series?.className ?? 'series-0' }, svg('title', {}, `${category}: ${chart.format(value)}`)),
      svg('text', { x: middle, y: bottom + 18, 'text-anchor': 'middle', class: 'axis' }, category),
      // Hidden on narrow screens, where twelve of them would run into each other (console.css).
      svg('text', { x: middle, y: bottom - barHeight - 6, 'text-anchor': 'middle', class: 'value small' }, chart.format(value)),
    );
  });
  return root;
}
