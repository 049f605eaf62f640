import type { IsoDate } from '../calendar/calendar';
import type { RegulationInput } from '../regulation/regulation';

/**
 * The default day the renewal starts: 1 August (Asia/Jakarta). The region's draft budget
 * priorities (KUA/PPAS) are agreed in July–August and the APBD is approved by about 30 November
 * (shared/domain-reference.md), so a proposal made on 1 August is in time for both and leaves
 * finance until 31 December to decide it. A regulation can choose another day (RenewalSetting).
 */
export const DEFAULT_RENEWAL_DAY = '08-01';

/** The date in `fromYear` on which the renewal into `fromYear + 1` starts. */
export function renewalStartDate(regulation: Pick<RegulationInput, 'renewal'>, fromYear: number): IsoDate {
  return `${fromYear}-${regulation.renewal?.proposeOn ?? DEFAULT_RENEWAL_DAY}`;
}
