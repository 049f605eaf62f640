import type { RegulationInput } from '../regulation/regulation';
import { maskNik } from '../people/personal-data';
import { regionName } from '../people/regions';
import type { RowProblem } from './rejection-reasons';

export type ResidencyPolicy = NonNullable<RegulationInput['residency']>;

/**
 * A regulation that says nothing about residency warns: a regency may well pay for people who
 * work in it but were first registered elsewhere (a NIK keeps the region of first registration),
 * yet an office should see every such row before public money is spent on it.
 */
export const DEFAULT_RESIDENCY: ResidencyPolicy = 'warn';

export function residencyPolicy(regulation: Pick<RegulationInput, 'residency'>): ResidencyPolicy {
  return regulation.residency ?? DEFAULT_RESIDENCY;
}

/**
 * The problem of a NIK registered outside the regulation's jurisdiction, or undefined when it is
 * inside or the regulation ignores residency. A NIK starts with its province (2 digits) and
 * regency/city (4 digits), so a province's regulation covers every regency of the province and
 * a regency's or city's only its own. Whether the problem rejects the row or only warns is the
 * policy's (`params.policy`).
 */
export function residencyProblem(
  nik: string,
  regulation: Pick<RegulationInput, 'jurisdiction' | 'residency'>,
): Extract<RowProblem, { reason: 'NIK_OUTSIDE_JURISDICTION' }> | undefined {
  const policy = residencyPolicy(regulation);
  if (policy === 'ignore' || nik.startsWith(regulation.jurisdiction)) return undefined;
  const regionCode = nik.slice(0, 4);
  return {
    reason: 'NIK_OUTSIDE_JURISDICTION',
    field: 'nik',
    params: {
      nik: maskNik(nik),
      regionCode,
      region: regionName(regionCode) ?? regionCode,
      jurisdiction: regulation.jurisdiction,
      jurisdictionName: regionName(regulation.jurisdiction) ?? regulation.jurisdiction,
      policy,
    },
  };
}
