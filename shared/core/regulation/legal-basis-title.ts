import { regionName, regionPlaceName } from '../people/regions';
import type { RegulationInput } from './regulation';

/** Who issues each kind of regulation; a Perda is the region's own. */
const ISSUERS: Readonly<Record<RegulationInput['legalBasis']['type'], string>> = {
  Perwal: 'Peraturan Wali Kota',
  Perbup: 'Peraturan Bupati',
  Pergub: 'Peraturan Gubernur',
  Perda: 'Peraturan Daerah',
};

/**
 * The regulation's legal basis as documents cite it in full: `Peraturan Wali Kota Tangerang
 * Selatan Nomor 25 Tahun 2019`, `Peraturan Daerah Kabupaten Tangerang Nomor 3 Tahun 2021`. A
 * mayor, a regent or a governor is named by the region without "Kota" or "Kabupaten"; an
 * unknown region code leaves the name out rather than guess.
 */
export function legalBasisTitle(regulation: Pick<RegulationInput, 'legalBasis' | 'jurisdiction'>): string {
  const { type, number, year } = regulation.legalBasis;
  const region = type === 'Perda' ? regionName(regulation.jurisdiction) : regionPlaceName(regulation.jurisdiction);
  return `${ISSUERS[type]}${region === undefined ? '' : ` ${region}`} Nomor ${number} Tahun ${year}`;
}
