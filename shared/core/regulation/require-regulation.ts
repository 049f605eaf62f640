import { NotFoundError } from '../errors';
import type { Regulation } from './regulation';

/** The regulation, or a 404 that says how to find the right id. */
export function requireRegulation(regulation: Regulation | undefined, id: string, version?: number): Regulation {
  if (regulation) return regulation;
  const what = version === undefined ? `Regulation ${id}` : `Version ${version} of regulation ${id}`;
  throw new NotFoundError(`${what} does not exist. List the regulations with \`npx lindung regulation list\`.`);
}
