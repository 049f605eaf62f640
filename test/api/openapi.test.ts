import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../../shared/api/routes';
import { api } from '../support/api';

describe('the OpenAPI document', () => {
  it('is served without a token and lists every route with its roles', async () => {
    const response = await api('GET', '/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    for (const route of allRoutes) {
      const operation = response.body.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      if (route.access !== 'public') expect(operation['x-lindung-roles']).toEqual(route.access);
    }
    const apply = response.body.paths['/regulations/{id}'].put;
    expect(apply.requestBody.content['application/json'].schema.properties.segments.type).toBe('array');
  });

  it('documents the amendment precondition: If-Match in, ETag out, 412 and 428', async () => {
    const { put, get } = (await api('GET', '/openapi.json')).body.paths['/regulations/{id}'];
    expect(put.parameters).toContainEqual(expect.objectContaining({ name: 'if-match', in: 'header', required: false }));
    expect(Object.keys(put.responses)).toEqual(expect.arrayContaining(['412', '428']));
    expect(Object.keys(get.responses)).not.toContain('412');
    for (const operation of [put, get]) expect(operation.responses['200'].headers.etag.schema).toEqual({ type: 'string' });
  });

  it('is checked in under docs/ and up to date (run `npm run openapi` after changing a route)', async () => {
    const served = (await api('GET', '/openapi.json')).body;
    const checkedIn = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    expect(checkedIn).toEqual(served);
  });
});
