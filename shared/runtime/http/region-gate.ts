import type { RequestField, RouteSpec } from '../../api/route-spec';
import type { RegionDirectory } from '../../core/access/region-directory';
import { describeRegion } from '../../core/access/region-reach';
import { requireReach } from '../../core/access/require-reach';
import type { Caller } from '../../core/access/roles';
import { ForbiddenError, NotFoundError } from '../../core/errors';

type Request = { params: object; query: object; body: unknown };

const NAMES = { regulation: 'Regulation', proposal: 'Proposal', run: 'Enrollment run', import: 'Import', bill: 'Bill' } as const;

/**
 * Region access for every route, after the role check: finds the regulation the request touches,
 * by the route's scope, and holds the caller's region to it (require-reach.ts). A new
 * regulation may be applied only for the caller's own region.
 */
export async function gateRegion(route: RouteSpec, request: Request, caller: Caller, directory: RegionDirectory): Promise<void> {
  const scope = route.scope;
  if (scope.kind === 'none') return;
  if (!caller.region) {
    throw new ForbiddenError(`${caller.username} belongs to no region. Ask the administrator to set the user's region (custom:region) to a Kemendagri code.`);
  }
  const changes = route.method !== 'GET';
  if (scope.kind === 'person') return;
  if (scope.kind === 'listing') {
    const narrowed = valueOf(request, { in: 'query', field: 'regulationId' });
    if (narrowed) await gateRegulation(narrowed, { caller, changes: false, directory });
    return;
  }
  const id = valueOf(request, scope);
  if (!id) return;
  if (scope.kind === 'regulation') {
    const created = scope.createdFrom ? valueOf(request, { in: 'body', field: scope.createdFrom }) : undefined;
    await gateRegulation(id, { caller, changes, directory, created });
    return;
  }
  const regulationId = await directory.regulationOf(scope.kind, id);
  if (!regulationId) throw notFound(scope.kind, id, caller);
  await gateRegulation(regulationId, { caller, changes, directory, part: { kind: scope.kind, id } });
}

async function gateRegulation(
  regulationId: string,
  context: { caller: Caller; changes: boolean; directory: RegionDirectory; created?: string; part?: { kind: keyof typeof NAMES; id: string } },
): Promise<void> {
  const { caller, changes, directory, created, part } = context;
  // Checked before looking the regulation up, so that the answer is the same whether another
  // region's regulation exists under that id or not.
  if (created !== undefined && created !== caller.region) {
    throw new ForbiddenError(`${caller.username} applies regulations of ${describeRegion(caller.region!)} only, not of ${describeRegion(created)}.`);
  }
  const existing = await directory.jurisdictionOf(regulationId);
  if (existing === undefined && created !== undefined) return;
  requireReach(caller, existing, changes ? 'change' : 'read', () => (part ? notFound(part.kind, part.id, caller) : notFound('regulation', regulationId, caller)));
}

function notFound(kind: keyof typeof NAMES, id: string, caller: Caller): NotFoundError {
  const next = kind === 'regulation' ? 'List the regulations with `npx lindung regulation list`.' : 'Check the id, and that you signed in for its region.';
  return new NotFoundError(`${NAMES[kind]} ${id} does not exist in ${describeRegion(caller.region!)}. ${next}`);
}

function valueOf(request: Request, where: RequestField): string | undefined {
  const source = request[where.in] as Record<string, unknown> | undefined;
  const value = source?.[where.field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
