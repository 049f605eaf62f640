import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { RegulationInput } from '../../shared/core/regulation/regulation';

/** The shipped Perwal Tangsel 25/2019, with a fresh id so that tests do not share state. */
export function tangselRegulation(id: string): RegulationInput {
  const document = parse(readFileSync(new URL('../../examples/perwal-tangsel-25-2019.yaml', import.meta.url), 'utf8'));
  return { ...document, id };
}
