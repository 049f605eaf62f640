import { z } from 'zod';
import type { LegalBasisType, RegulationInput } from '../regulation/regulation';

/**
 * What a roster import does with a person another payer already covers that year, e.g. a
 * regency importing someone the province pays for (Penajam Paser Utara: the regency pays for
 * 15,000 workers, the province for 5,614 others, one population). Either way the person stays
 * covered once, by the payer that listed them first; the policy says what this office is told:
 *
 * - `reject`: a rejection to act on (remove the row): the default for a regency or city, the
 *   lower-level payer, whose budget must not count the person;
 * - `warn`: a notice that needs no action: the default for a province, which pays for whoever
 *   its regencies leave out.
 *
 * The message names only the other payer's region and regulation type, never their roster,
 * segment or regulation id: another region's data is not this office's to read.
 */
export const OnOtherPayer = z.enum(['reject', 'warn']);
export type OnOtherPayer = z.infer<typeof OnOtherPayer>;

/** Who else pays for a person, as much as another region may know. */
export interface OtherPayer {
  readonly region: string;
  readonly regulationType: z.infer<typeof LegalBasisType>;
}

/** Port: the payer behind another regulation (undefined when it no longer exists). */
export type OtherPayerLookup = (regulationId: string) => Promise<OtherPayer | undefined>;

export function onOtherPayer(regulation: Pick<RegulationInput, 'jurisdiction' | 'onOtherPayer'>): OnOtherPayer {
  return regulation.onOtherPayer ?? (regulation.jurisdiction.length === 2 ? 'warn' : 'reject');
}

/** The reason a row covered by another payer is reported with, under the regulation's policy. */
export function otherPayerReason(regulation: Pick<RegulationInput, 'jurisdiction' | 'onOtherPayer'>): 'COVERED_BY_OTHER_REGULATION' | 'COVERED_BY_OTHER_PAYER' {
  return onOtherPayer(regulation) === 'reject' ? 'COVERED_BY_OTHER_REGULATION' : 'COVERED_BY_OTHER_PAYER';
}
