import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteSpec } from '../../shared/api/route-spec';
import { type RouteName, routes } from '../../shared/api/routes';
import { ROLES, type Role } from '../../shared/core/access/roles';
import { api, tokenFor } from '../support/api';
import { type SampleIds, sampleRequest } from '../support/route-samples';
import { tangselRegulation } from '../support/tangsel';

/**
 * Every route of the catalogue × every role, and without a token, through the local API: a role
 * outside the route's `access` gets 403, no token gets 401, and a role inside it gets past both
 * (any other status will do: most ids below exist nowhere). Generated from shared/api/routes.ts,
 * so a new route is in the matrix the moment it is in the catalogue. Regions are the tenant
 * matrix's (tenant-route-matrix.test.ts): every user here is of the regulation's own region.
 */

/** A regulation of this run only: `PUT /regulations/{id}` creates it, the routes under it find it; the other ids exist nowhere. */
const regulationId = `perwal-role-matrix-${Date.now().toString(36)}`;
const IDS: SampleIds = {
  regulation: tangselRegulation(regulationId),
  importId: 'imp-role-matrix-0001',
  proposalId: 'bp-role-matrix-0001',
  runId: 'run-role-matrix-0001',
  billId: 'bill-role-matrix-0001',
  nik: '9901010101010001',
};

const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  for (const role of ROLES) tokens[role] = await tokenFor(role, `${role}-matrix`);
});

describe('role × route matrix', () => {
  it("lets auditors read an import's rejected rows and who a proposal funds, and finance read life events", () => {
    expect(routes.importRejections.access).toEqual(['admin', 'auditor']);
    expect(routes.proposalPeople.access).toEqual(['admin', 'finance', 'auditor']);
    expect(routes.lifeEvents.access).toEqual(['admin', 'finance', 'auditor']);
  });

  it.each(Object.entries(routes) as [RouteName, RouteSpec][])('%s', async (name, route) => {
    const { path, body } = sampleRequest(name, route, IDS);
    const call = (token?: string) => api(route.method, path, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });

    // A public route (the OpenAPI document) answers anyone, with a token or without.
    if (route.access === 'public') {
      for (const token of [undefined, ...Object.values(tokens)]) expect([401, 403]).not.toContain((await call(token)).status);
      return;
    }
    expect((await call()).status, `${route.method} ${route.path} without a token`).toBe(401);
    for (const role of ROLES) {
      const response = await call(tokens[role]);
      if (route.access.includes(role)) {
        expect([401, 403], `${route.method} ${route.path} as ${role}: ${response.status} ${JSON.stringify(response.body)}`).not.toContain(response.status);
      } else {
        expect(response.status, `${route.method} ${route.path} as ${role}: ${JSON.stringify(response.body)}`).toBe(403);
      }
    }
  });
});
