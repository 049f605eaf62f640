import { jakartaDate } from '../calendar/jakarta-date';
import type { RunFigures } from '../coverage/coverage-report';
import type { RegulationStore } from '../regulation/regulation-store';
import { recordArrears } from './record-arrears';
import type { RemittanceStore } from './remittance-store';
import { NATIONAL_REGION } from '../access/region-reach';

/**
 * The daily arrears watch (the ArrearsWatch workflow, started at 02:00 in Jakarta): every
 * regulation's current year, and in January the year before too, whose December falls due then.
 */
export async function watchAllArrears(
  deps: { store: RemittanceStore; regulations: Pick<RegulationStore, 'list'>; runsOf: (regulationId: string) => Promise<RunFigures[]> },
  at: Date,
): Promise<{ watched: number; late: number; atRisk: number; inactive: number }> {
  const asOf = jakartaDate(at);
  const year = Number(asOf.slice(0, 4));
  const years = asOf.slice(5, 7) === '01' ? [year - 1, year] : [year];
  const outcome = { watched: 0, late: 0, atRisk: 0, inactive: 0 };
  for (const regulation of await deps.regulations.list(NATIONAL_REGION)) {
    const runs = await deps.runsOf(regulation.id);
    for (const y of years) {
      if (!runs.some((run) => run.year === y)) continue;
      const watch = await recordArrears(deps.store, regulation, y, runs, asOf, at);
      outcome.watched += 1;
      for (const month of watch.months) {
        if (month.state === 'late') outcome.late += 1;
        if (month.state === 'at-risk') outcome.atRisk += 1;
        if (month.state === 'inactive') outcome.inactive += 1;
      }
    }
  }
  return outcome;
}
