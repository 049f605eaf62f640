import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../../shared/api/routes';
import { api } from '../support/api';

const COMPONENT_SCHEMAS = '#/components/schemas/';

/** A schema of the document, with its `$ref` followed into `components.schemas`. */
function resolved(document: any, schema: any): any {
  return schema.$ref ? document.components.schemas[schema.$ref.replace(COMPONENT_SCHEMAS, '')] : schema;
}

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
    expect(resolved(response.body, apply.requestBody.content['application/json'].schema).properties.segments.type).toBe('array');
  });

  it('writes each named schema once, in components.schemas, and every reference resolves there', async () => {
    const document = (await api('GET', '/openapi.json')).body;
    const references = new Set<string>();
    const collect = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const { $ref } = node as { $ref?: unknown };
      if (typeof $ref === 'string') references.add($ref);
      Object.values(node).forEach(collect);
    };
    collect(document);
    const schemas = Object.keys(document.components.schemas);
    expect(schemas).toEqual(expect.arrayContaining(['Proposal', 'EnrollmentRun', 'Regulation', 'RegulationInput', 'ProposeRequest', 'Problem']));
    expect([...references].filter((reference) => !schemas.includes(reference.replace(COMPONENT_SCHEMAS, '')))).toEqual([]);
    expect(document.paths['/proposals/{proposalId}'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: `${COMPONENT_SCHEMAS}Proposal`,
    });
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
