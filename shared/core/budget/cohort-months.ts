import { type IsoMonth, monthsToYearEnd } from '../calendar/calendar';
import { InvalidInputError } from '../errors';

/** The kind of cohort that starts in a month: the original APBD in January, an APBD-Perubahan top-up later. */
export function cohortStarting(startMonth: IsoMonth): 'original' | 'perubahan' {
  return startMonth.endsWith('-01') ? 'original' : 'perubahan';
}

/**
 * The months a cohort is funded for. A Pemda budgets a fiscal year (= calendar year): the
 * original APBD funds January–December; an APBD-Perubahan top-up funds its start month to December.
 */
export function cohortMonths(year: number, cohort: 'original' | 'perubahan', startMonth: IsoMonth | undefined): IsoMonth[] {
  const start = startMonth ?? `${year}-01`;
  if (!start.startsWith(`${year}-`)) {
    throw new InvalidInputError(`The cohort must start within fiscal year ${year}`, [{ path: 'startMonth', message: `must be a month of ${year}` }]);
  }
  const first = Number(start.slice(5, 7));
  if (cohort === 'original' && first !== 1) {
    throw new InvalidInputError('The original APBD funds the whole year', [
      { path: 'startMonth', message: `must be ${year}-01 for the original APBD; use cohort "perubahan" for a mid-year top-up` },
    ]);
  }
  if (cohort === 'perubahan' && first === 1) {
    throw new InvalidInputError('An APBD-Perubahan top-up starts mid-year', [
      { path: 'startMonth', message: 'must be a month after January, e.g. 2027-07' },
    ]);
  }
  return monthsToYearEnd(start);
}

/**
 * The months a stored proposal funds: from its start month to its end month, which is December
 * unless the regulation stops being in force earlier (regulations/effective-period.ts).
 */
export function proposalMonths(proposal: { year: number; startMonth: IsoMonth; endMonth?: IsoMonth }): IsoMonth[] {
  const end = proposal.endMonth ?? `${proposal.year}-12`;
  return monthsToYearEnd(proposal.startMonth).filter((month) => month <= end);
}
