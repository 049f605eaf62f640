import type { RouteSpec } from '../../shared/api/route-spec';
import { ROLES } from '../../shared/core/access/roles';

/** Where README.md holds the table, between these two lines. */
export const ACCESS_TABLE_START = '<!-- access table: generated from shared/api/routes.ts, checked by test/unit/readme-access-table.test.ts -->';
export const ACCESS_TABLE_END = '<!-- end of access table -->';

/**
 * The README's "who may call what": one row per route of the catalogue, in its order, a column
 * per role. Generated, so that the README says exactly what the API enforces.
 */
export function accessTable(catalogue: readonly RouteSpec[]): string {
  const rows = catalogue.map((route) => {
    const cells = ROLES.map((role) => (route.access === 'public' ? 'anyone, no token' : route.access.includes(role) ? '✓' : ''));
    return `| \`${route.method} ${route.path}\` | ${cells.join(' | ')} |`;
  });
  return [`| route | ${ROLES.map((role) => `\`${role}\``).join(' | ')} |`, `|---|${ROLES.map(() => ':-:').join('|')}|`, ...rows].join('\n');
}

/** The table README.md holds now, or undefined without the markers. */
export function readmeAccessTable(readme: string): string | undefined {
  const start = readme.indexOf(ACCESS_TABLE_START);
  const end = readme.indexOf(ACCESS_TABLE_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + ACCESS_TABLE_START.length, end).trim();
}
