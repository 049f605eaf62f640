import type { SimulationResult } from '../../shared/core/simulation/simulation-result';
import { rupiahCell, type SheetCell } from '../../shared/documents/spreadsheets/sheet-cell';
import { formatMonth } from './format';
import { t, type Text } from './i18n';
import { type ComparisonMeasure, compareSimulations } from '../../shared/documents/simulation/scenario-comparison';

/**
 * The figures of simulated scenarios as the Simulasi page shows and exports them: one scenario's
 * segments summed over its cohorts, and the rows that compare two to four scenarios side by side,
 * each with its difference from the first.
 */

export interface SegmentFigures {
  readonly segment: string;
  readonly name: string;
  readonly priority: number;
  readonly headcount: number;
  readonly amount: number;
}

/** A scenario's segments over all its cohorts (before any ceiling), by priority. */
export function segmentFigures(result: SimulationResult): SegmentFigures[] {
  const bySegment = new Map<string, SegmentFigures>();
  for (const cohort of result.cohorts) {
    for (const s of cohort.segments) {
      const so = bySegment.get(s.segment);
      bySegment.set(s.segment, { segment: s.segment, name: s.name, priority: s.priority, headcount: (so?.headcount ?? 0) + s.headcount, amount: (so?.amount ?? 0) + s.amount });
    }
  }
  return [...bySegment.values()].sort((a, b) => a.priority - b.priority);
}

/** Segment names by code, for the figures the API gives by code (ceiling, months, projection). */
export function segmentNames(results: readonly SimulationResult[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const result of results) {
    for (const m of result.movements) if (!names.has(m.segment)) names.set(m.segment, m.name);
    for (const c of result.cohorts) for (const s of c.segments) if (!names.has(s.segment)) names.set(s.segment, s.name);
  }
  return names;
}

export interface ComparisonRow {
  readonly label: string;
  readonly kind: 'rupiah' | 'count';
  /** One per scenario, in the order compared; absent where the scenario has no such figure. */
  readonly values: readonly (number | undefined)[];
}

/** A scenario's figure less the first scenario's, when both have it. */
export function difference(row: ComparisonRow, index: number): number | undefined {
  const [first] = row.values;
  const value = row.values[index];
  return first === undefined || value === undefined ? undefined : value - first;
}

/** What each row of the shared comparison counts, in the reader's language. */
const MEASURE_LABELS: Record<ComparisonMeasure, Text> = {
  total: 'Jumlah biaya',
  headcount: 'Peserta',
  funded: 'Didanai dengan pagu (orang)',
  unfunded: 'Tidak didanai dengan pagu (orang)',
  segmentHeadcount: '{segment}: peserta',
  segmentAmount: 'Jumlah {segment}',
  projectionTotal: 'Proyeksi {year}',
};

/**
 * The rows of the comparison the CLI prints too (shared/documents/simulation/scenario-comparison.ts:
 * totals, headcount, the ceiling's result, each segment's people and cost, each projected year),
 * labelled in the reader's language with segments by their names.
 */
export function comparisonRows(results: readonly SimulationResult[]): ComparisonRow[] {
  const names = segmentNames(results);
  return compareSimulations(results).map((row) => ({
    label: t(MEASURE_LABELS[row.measure], { segment: (row.segment && names.get(row.segment)) ?? row.segment ?? '', year: row.year ?? '' }),
    kind: row.unit === 'rupiah' ? 'rupiah' : 'count',
    values: row.values.map((value) => value ?? undefined),
  }));
}

/** The comparison as a sheet, header first: each scenario's column, then (after the first) its difference; figures numeric. */
export function comparisonSheet(results: readonly SimulationResult[]): SheetCell[][] {
  const cell = (kind: ComparisonRow['kind'], value: number | undefined): SheetCell => (value === undefined ? '' : kind === 'rupiah' ? rupiahCell(value) : value);
  return [
    [t('Uraian'), ...results.flatMap((r, i) => (i === 0 ? [r.name] : [r.name, t('Selisih {name}', { name: r.name })]))],
    ...comparisonRows(results).map((row) => [
      row.label,
      ...results.flatMap((_, i) => (i === 0 ? [cell(row.kind, row.values[0])] : [cell(row.kind, row.values[i]), cell(row.kind, difference(row, i))])),
    ]),
  ];
}

/** The months of a scenario as a sheet: people and premiums, in all and per segment. */
export function monthSheet(result: SimulationResult): SheetCell[][] {
  const names = segmentNames([result]);
  const codes = [...names.keys()];
  return [
    [t('Bulan'), t('Peserta'), t('Jumlah'), ...codes.flatMap((code) => [t('{segment}: peserta', { segment: names.get(code)! }), t('{segment}: jumlah', { segment: names.get(code)! })])],
    ...result.months.map((m) => [
      formatMonth(m.month),
      m.headcount,
      rupiahCell(m.amount),
      ...codes.flatMap((code) => [m.segments[code]?.headcount ?? 0, rupiahCell(m.segments[code]?.amount ?? 0)]),
    ]),
  ];
}
