import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES } from '../../shared/api/route-spec';
import { type ApiResponse, api, tokenFor } from '../support/api';
import { tangselRegulation } from '../support/tangsel';

/** Issue #12, item 3: oversized and unknown input is refused by name, never a 500, and nothing is stored. */

let admin: string;
let finance: string;

beforeAll(async () => {
  [admin, finance] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti')]);
});

/** The RFC 9457 problem every error of the API's functions is (docs/api-errors.md). */
function expectProblem(response: ApiResponse, status: number, type: string, instance: string): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ type, status, instance, title: expect.any(String), detail: expect.any(String) });
  expect(Array.isArray(response.body.errors)).toBe(true);
  // Deprecated members, kept for clients that have not moved yet.
  expect(response.body.message).toBe(response.body.detail);
  expect(response.body.error).toEqual(expect.any(String));
}

describe('body limits', () => {
  it('refuses a 5 MB regulation title with 413 naming the limit, and stores nothing', async () => {
    const document = { ...tangselRegulation('perwal-huge-title'), title: 'x'.repeat(5 * 1024 * 1024) };
    const response = await api('PUT', `/regulations/${document.id}`, { token: admin, body: document });
    expectProblem(response, 413, '/problems/payload-too-large', `/regulations/${document.id}`);
    expect(response.body.detail).toContain(`at most ${DEFAULT_MAX_BODY_BYTES.toLocaleString('en')} bytes`);
    expect(response.body.errors).toEqual([{ path: '(body)', message: `must be at most ${DEFAULT_MAX_BODY_BYTES.toLocaleString('en')} bytes` }]);
    expect((await api('GET', `/regulations/${document.id}`, { token: admin })).status).toBe(404);
  });

  it('refuses any body just over the default limit, even on a route whose schema would refuse it anyway', async () => {
    const response = await api('POST', '/life-events', { token: admin, rawBody: JSON.stringify({ note: 'x'.repeat(DEFAULT_MAX_BODY_BYTES) }) });
    expect(response.status).toBe(413);
  });

  it('lets a roster chunk past the default limit, up to its own', async () => {
    const rows = Array.from({ length: 700 }, (_, i) => ({ row: i + 2, values: { name: 'N'.repeat(480), address: 'A'.repeat(480) } }));
    const body = JSON.stringify({ rows });
    expect(Buffer.byteLength(body)).toBeGreaterThan(DEFAULT_MAX_BODY_BYTES);
    const response = await api('PUT', '/imports/imp-00000000-nothere/chunks/0', { token: admin, rawBody: body });
    // Read and validated: the import does not exist.
    expectProblem(response, 404, '/problems/not-found', '/imports/imp-00000000-nothere/chunks/0');
  });
});

describe('field limits', () => {
  it('refuses a title over 500 characters with 400 naming title, under the body limit', async () => {
    const document = { ...tangselRegulation('perwal-long-title'), title: 'Peraturan '.repeat(60) };
    const response = await api('PUT', `/regulations/${document.id}`, { token: admin, body: document });
    expectProblem(response, 400, '/problems/invalid-input', `/regulations/${document.id}`);
    expect(response.body.errors).toEqual([{ path: 'title', message: 'must be at most 500 characters' }]);
    expect(response.body.issues).toEqual(response.body.errors);
  });

  it('names a nested text over its maximum', async () => {
    const regulation = tangselRegulation('perwal-long-segment-name');
    const document = { ...regulation, segments: regulation.segments.map((s, i) => (i === 1 ? { ...s, name: 'n'.repeat(201) } : s)) };
    const response = await api('PUT', `/regulations/${document.id}`, { token: admin, body: document });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'segments[1].name', message: 'must be at most 200 characters' }]);
  });
});

describe('unknown fields', () => {
  it('refuses a misspelt regulation key by name instead of dropping it', async () => {
    const { residency: _, ...document } = { ...tangselRegulation('perwal-misspelt'), residence: 'require' };
    const response = await api('PUT', `/regulations/${document.id}`, { token: admin, body: document });
    expectProblem(response, 400, '/problems/invalid-input', `/regulations/${document.id}`);
    expect(response.body.errors).toEqual([{ path: 'residence', message: 'is not a field of this request: remove it, or check its spelling' }]);
    expect((await api('GET', `/regulations/${document.id}`, { token: admin })).status).toBe(404);
  });

  it('names an unknown key inside a segment', async () => {
    const regulation = tangselRegulation('perwal-segment-colour');
    const document = { ...regulation, segments: regulation.segments.map((s, i) => (i === 0 ? { ...s, colour: 'red' } : s)) };
    const response = await api('PUT', `/regulations/${document.id}`, { token: admin, body: document });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(['segments[0].colour']);
  });

  it('refuses an unknown key in a decision before looking the proposal up', async () => {
    const response = await api('POST', '/proposals/bp-2027-00000000/decision', {
      token: finance,
      body: { decision: 'approve', approvedBy: 'someone-else' },
    });
    expectProblem(response, 400, '/problems/invalid-input', '/proposals/bp-2027-00000000/decision');
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(['approvedBy']);
  });
});

describe('problem details', () => {
  it('answers 403 and 404 as problems', async () => {
    const forbidden = await api('PUT', '/regulations/perwal-not-yours', { token: finance, body: tangselRegulation('perwal-not-yours') });
    expectProblem(forbidden, 403, '/problems/forbidden', '/regulations/perwal-not-yours');
    expect(forbidden.body.detail).toContain('needs the admin role');
    const missing = await api('GET', '/regulations/perwal-nowhere', { token: admin });
    expectProblem(missing, 404, '/problems/not-found', '/regulations/perwal-nowhere');
    expect(missing.body.requestId).toEqual(expect.any(String));
  });

  it('answers 409 as a problem that keeps its details', async () => {
    const document = tangselRegulation('perwal-incomplete-import');
    expect((await api('PUT', `/regulations/${document.id}`, { token: admin, body: document })).status).toBe(200);
    const created = await api('POST', `/regulations/${document.id}/imports`, {
      token: admin,
      body: { fileName: 'roster.csv', coverageStart: '2027-01-01', clientToken: 'limits-incomplete-1' },
    });
    expect(created.status).toBe(201);
    const path = `/imports/${created.body.importId}/complete`;
    const response = await api('POST', path, { token: admin, body: { chunks: 1, rows: 3 } });
    expectProblem(response, 409, '/problems/conflict', path);
    expect(response.body.details).toMatchObject({ missing: [0], rowsReceived: 0 });
  });
});
