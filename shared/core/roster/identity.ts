import type { RosterEntry } from './roster-entry';

/**
 * A NIK names one person: the name and birth date an entry holds are who is paid for. Another
 * row with the same NIK but another name or birth date is an identity conflict (a mistyped NIK,
 * or a NIK borrowed for someone else), never a silent update (dedupe-decision.ts).
 */
export function sameIdentity(a: Pick<RosterEntry, 'name' | 'birthDate'>, b: Pick<RosterEntry, 'name' | 'birthDate'>): boolean {
  return a.birthDate === b.birthDate && comparableName(a.name) === comparableName(b.name);
}

/** Offices retype names: `  JUJU  kurniawan ` is `Juju Kurniawan`. */
function comparableName(name: string): string {
  return name.trim().replace(WHITESPACE, ' ').toLowerCase();
}

const WHITESPACE = /\s+/g;
