/** What the budget and enrollment need of a person on the roster. */
export interface RosterMember {
  nik: string;
  name: string;
  birthDate: string;
  gender: 'L' | 'P';
}
