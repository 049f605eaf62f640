import { loadRateSchedule } from '../money/rates/rate-schedule';
import type { RegulationStore } from '../regulation/regulation-store';
import type { ImportStore } from '../roster/import-store';

/** What a proposal's snapshot is compared with (proposal-staleness.ts): today's regulation, roster and rates versions. */
export interface CurrentVersions {
  regulationVersion: number;
  rosterVersion: number;
  rateScheduleVersion: string;
}

/** Reads the current versions of a regulation's year. */
export async function currentVersions(
  stores: { regulations: RegulationStore; imports: ImportStore },
  regulationId: string,
  year: number,
): Promise<CurrentVersions> {
  const [regulation, roster] = await Promise.all([stores.regulations.current(regulationId), stores.imports.rosterSummary(regulationId, year)]);
  return {
    regulationVersion: regulation?.version ?? 0,
    rosterVersion: roster?.version ?? 0,
    rateScheduleVersion: loadRateSchedule().version,
  };
}
