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

/** Horizontal grouped bars: one group per category, one bar per series, value at the bar's end. */
export function horizontalBars(chart: BarChart): SVGSVGElement {
  chartCount += 1;
  const labelWidth = 170;
  const valueWidth = 130;
  const plotWidth = 420;
  const barHeight = 16;
  const groupGap = 14;
  const groupHeight = chart.series.length * barHeight + groupGap;
  const legendHeight = 26;
  const height = legendHeight + chart.categories.length * groupHeight;
  const width = labelWidth + plotWidth + valueWidth;
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values));
  const titleId = `chart-${chartCount}-title`;
  const descId = `chart-${chartCount}-desc`;

  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, class: 'chart' });
  root.append(svg('title', { id: titleId }, chart.title), svg('desc', { id: descId }, chart.description));
  chart.series.forEach((series, i) => {
    const x = labelWidth + i * 180;
    root.append(svg('rect', { x, y: 4, width: 12, height: 12, class: series.className }), svg('text', { x: x + 18, y: 14, class: 'legend' }, series.label));
  });
  chart.categories.forEach((category, c) => {
    const top = legendHeight + c * groupHeight;
    root.append(svg('text', { x: labelWidth - 8, y: top + (chart.series.length * barHeight) / 2 + 4, 'text-anchor': 'end', class: 'axis' }, category));
    chart.series.forEach((series, s) => {
      const value = series.values[c] ?? 0;
      const y = top + s * barHeight;
      const barWidth = Math.max(value > 0 ? 2 : 0, (value / max) * plotWidth);
      root.append(
        svg('rect', { x: labelWidth, y: y + 2, width: barWidth, height: barHeight - 4, class: series.className }, svg('title', {}, `${category}, ${series.label}: ${chart.format(value)}`)),
        svg('text', { x: labelWidth + barWidth + 6, y: y + barHeight - 4, class: 'value' }, chart.format(value)),
      );
    });
  });
  return root;
}

/** Vertical bars over time (e.g. the months of a year). */
export function columns(chart: BarChart): SVGSVGElement {
  chartCount += 1;
  const [series] = chart.series;
  const values = series?.values ?? [];
  const width = 720;
  const height = 200;
  const bottom = 170;
  const left = 10;
  const slot = (width - left) / Math.max(1, chart.categories.length);
  const max = Math.max(1, ...values);
  const titleId = `chart-${chartCount}-title`;
  const descId = `chart-${chartCount}-desc`;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, class: 'chart' });
  root.append(svg('title', { id: titleId }, chart.title), svg('desc', { id: descId }, chart.description));
  chart.categories.forEach((category, i) => {
    const value = values[i] ?? 0;
    const barHeight = (value / max) * (bottom - 30);
    const x = left + i * slot + slot * 0.15;
    root.append(
      svg('rect', { x, y: bottom - barHeight, width: slot * 0.7, height: barHeight, class: series?.className ?? 'series-0' }, svg('title', {}, `${category}: ${chart.format(value)}`)),
      svg('text', { x: x + slot * 0.35, y: bottom + 18, 'text-anchor': 'middle', class: 'axis' }, category),
      svg('text', { x: x + slot * 0.35, y: bottom - barHeight - 6, 'text-anchor': 'middle', class: 'value small' }, chart.format(value)),
    );
  });
  return root;
}
