import type { RenewalPeopleKind, RenewalPerson } from './renewal';

/** A person the diff lists: who joined, left (with the reason), or leaves the age window during the year. */
export type DiffPerson = RenewalPerson & { kind: Exclude<RenewalPeopleKind, 'lapsed'> };
