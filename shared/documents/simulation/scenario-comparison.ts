import type { SimulationResult } from '../../core/simulation/simulation-result';
import { rupiahCell, type SheetCell } from '../spreadsheets/sheet-cell';

/**
 * Two to four simulated scenarios side by side, as rows of figures: the year's total and
 * headcount, what a ceiling funds and leaves out, each segment's people and cost, and each
 * projected year's total; a column per scenario and, for each after the first, its difference
 * from the first. Pure, so that the CLI and the console compare alike.
 */

/** The fewest and most scenarios a comparison takes. */
export const MIN_COMPARED = 2;
export const MAX_COMPARED = 4;

/** What a row counts, as an Indonesian template (the CLI translates it by the same text). */
export const COMPARISON_LABELS = {
  total: 'Total biaya',
  headcount: 'Jumlah orang',
  funded: 'Didanai dalam pagu (orang)',
  unfunded: 'Tidak didanai dalam pagu (orang)',
  segmentHeadcount: '{segment}: orang',
  segmentAmount: '{segment}: biaya',
  projectionTotal: 'Proyeksi {year}: biaya',
} as const;

export type ComparisonMeasure = keyof typeof COMPARISON_LABELS;

export interface ComparisonRow {
  measure: ComparisonMeasure;
  segment?: string;
  year?: number;
  unit: 'rupiah' | 'people';
  /** The row's label in Bahasa Indonesia, as the printed comparison has it. */
  label: string;
  /** One per scenario, in the order given; null where the scenario has no such figure (no ceiling, a year it does not project). */
  values: (number | null)[];
  /** One per scenario after the first: its value less the first's; null where either is. */
  differences: (number | null)[];
}

/** The rows comparing `results`, the first being the one the others are measured against. */
export function compareSimulations(results: readonly SimulationResult[]): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const add = (measure: ComparisonMeasure, unit: ComparisonRow['unit'], values: (number | null)[], where: { segment?: string; year?: number } = {}) => {
    const first = values[0] ?? null;
    rows.push({
      measure,
      ...where,
      unit,
      label: comparisonLabel(measure, where),
      values,
      differences: values.slice(1).map((value) => (value === null || first === null ? null : value - first)),
    });
  };
  add('total', 'rupiah', results.map((r) => r.total));
  add('headcount', 'people', results.map((r) => r.totalHeadcount));
  if (results.some((r) => r.ceiling)) {
    add('funded', 'people', results.map((r) => r.ceiling?.fundedHeadcount ?? null));
    add('unfunded', 'people', results.map((r) => r.ceiling?.unfundedHeadcount ?? null));
  }
  for (const segment of unionInOrder(results.map((r) => r.cohorts.flatMap((c) => c.segments.map((s) => s.segment))))) {
    // A segment a scenario removes or lacks funds nobody there: 0, so that the difference shows.
    const of = (r: SimulationResult, pick: (s: SimulationResult['cohorts'][number]['segments'][number]) => number) =>
      r.cohorts.reduce((sum, c) => sum + c.segments.filter((s) => s.segment === segment).reduce((n, s) => n + pick(s), 0), 0);
    add('segmentHeadcount', 'people', results.map((r) => of(r, (s) => s.headcount)), { segment });
    add('segmentAmount', 'rupiah', results.map((r) => of(r, (s) => s.amount)), { segment });
  }
  for (const year of unionInOrder(results.map((r) => r.projection.map((p) => p.year))).sort((a, b) => a - b)) {
    add('projectionTotal', 'rupiah', results.map((r) => r.projection.find((p) => p.year === year)?.total ?? null), { year });
  }
  return rows;
}

/** A row's label, filled in: `KETUA_RT: orang`, `Proyeksi 2028: biaya`. */
export function comparisonLabel(measure: ComparisonMeasure, where: { segment?: string; year?: number }): string {
  return COMPARISON_LABELS[measure].replace('{segment}', where.segment ?? '').replace('{year}', String(where.year ?? ''));
}

/** How a scenario is named in a column: `tambah-juli v2`. */
export function scenarioColumn(result: SimulationResult): string {
  return result.scenarioVersion === undefined ? result.scenarioId : `${result.scenarioId} v${result.scenarioVersion}`;
}

/**
 * The comparison as spreadsheet rows: a header (the row, each scenario, each difference), then a
 * row per figure. Figures are numbers (amounts as rupiah), so that a spreadsheet can sum them;
 * a figure a scenario does not have is an empty cell.
 */
export function comparisonSheet(results: readonly SimulationResult[], rows: readonly ComparisonRow[] = compareSimulations(results)): SheetCell[][] {
  const columns = results.map(scenarioColumn);
  const header = ['Baris', ...columns, ...columns.slice(1).map((column) => `Selisih ${column} − ${columns[0]}`)];
  const cell = (unit: ComparisonRow['unit'], value: number | null): SheetCell => (value === null ? '' : unit === 'rupiah' ? rupiahCell(value) : value);
  return [header, ...rows.map((row) => [row.label, ...row.values.map((v) => cell(row.unit, v)), ...row.differences.map((d) => cell(row.unit, d))])];
}

function unionInOrder<T>(lists: readonly (readonly T[])[]): T[] {
  return [...new Set(lists.flat())];
}
