import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../../shared/api/routes';
import { ACCESS_TABLE_END, ACCESS_TABLE_START, accessTable, readmeAccessTable } from '../support/access-table';

describe("README's role table", () => {
  it('says exactly which role may call which route, as the route catalogue does', () => {
    const expected = accessTable(allRoutes);
    const actual = readmeAccessTable(readFileSync('README.md', 'utf8'));
    expect(
      actual,
      `README.md's "Roles" section must hold, between its markers, the table generated from shared/api/routes.ts:\n\n${ACCESS_TABLE_START}\n${expected}\n${ACCESS_TABLE_END}\n`,
    ).toBe(expected);
  });
});
