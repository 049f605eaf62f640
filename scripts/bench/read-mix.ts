import { ROLES } from '../../shared/core/access/roles';
import { type RouteName, routes } from '../../shared/api/routes';

/** What the readers look at: a small approved, enrolled regulation, and the run under way once it has started. */
export interface ReadTargets {
  regulationId: string;
  importId: string;
  proposalId: string;
  runId: string;
  liveRunId?: string;
}

/** One GET of the API, named by its route (shared/api/routes.ts) so that latencies are reported per route. */
export interface ReadRequest {
  route: RouteName;
  path: string;
}

/**
 * The pages people keep open while an import and a run go on: lists, a regulation, its premiums
 * and coverage, an import, a proposal, runs and their people, the audit trail. Every one of them
 * is open to all three roles, so any answer but 200 is an error.
 */
export function readMix(targets: ReadTargets): ReadRequest[] {
  const { regulationId, importId, proposalId, runId, liveRunId } = targets;
  const mix: ReadRequest[] = [
    read('whoAmI', {}),
    read('listRegulations', {}),
    read('getRegulation', { id: regulationId }),
    read('regulationPremiums', { id: regulationId }, 'month=2027-01'),
    read('rosterSummary', { id: regulationId }, 'year=2027'),
    read('listImports', { id: regulationId }),
    read('importStatus', { importId }),
    read('listProposals', {}),
    read('getProposal', { proposalId }),
    read('listEnrollmentRuns', {}),
    read('getEnrollmentRun', { runId }),
    read('enrollmentRunPeople', { runId }, 'status=enrolled&bucket=7'),
    read('coverage', {}, `regulationId=${regulationId}&year=2027`),
    read('auditEvents', {}, `entity=regulation:${regulationId}`),
  ];
  // Admins follow the run under way, as the console's run page does.
  if (liveRunId) mix.push(read('getEnrollmentRun', { runId: liveRunId }));
  return mix;
}

function read(route: RouteName, params: Record<string, string>, query?: string): ReadRequest {
  const spec = routes[route];
  if (spec.method !== 'GET' || ROLES.some((role) => !(spec.access as readonly string[]).includes(role))) {
    throw new Error(`${route} is not a read every role may make`);
  }
  const path = spec.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`${route} needs {${name}}`);
    return encodeURIComponent(params[name]);
  });
  return { route, path: query ? `${path}?${query}` : path };
}
