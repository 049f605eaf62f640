import { beforeAll, describe, expect, inject, it } from 'vitest';
import { amendRegulation, api, listAll, tokenFor } from '../support/api';
import { tangselRegulation } from '../support/tangsel';

let admin: string;
let finance: string;
let auditor: string;

beforeAll(async () => {
  [admin, finance, auditor] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti'), tokenFor('auditor', 'budi')]);
});

describe('applying a regulation', () => {
  it('creates version 1 as admin, then an identical document changes nothing', async () => {
    const document = tangselRegulation('perwal-tangsel-apply');
    const created = await api('PUT', `/regulations/${document.id}`, { token: admin, body: document });
    expect(created.status).toBe(200);
    expect(created.body.outcome).toBe('created');
    expect(created.body.regulation).toMatchObject({ id: document.id, version: 1, recordedBy: 'ani', jurisdiction: '3674' });
    expect(created.body.regulation.segments.map((s: { targetHeadcount: number }) => s.targetHeadcount)).toEqual([
      3844, 735, 2285, 450, 375, 5257,
    ]);

    const again = await api('PUT', `/regulations/${document.id}`, { token: admin, body: document });
    expect(again.body.outcome).toBe('unchanged');
    expect(again.body.regulation.version).toBe(1);
    const history = await api('GET', `/regulations/${document.id}/versions`, { token: auditor });
    expect(history.body.events).toHaveLength(1);
  });

  it('refuses finance with 403 naming the role needed, and stores nothing', async () => {
    const document = tangselRegulation('perwal-tangsel-forbidden');
    const response = await api('PUT', `/regulations/${document.id}`, { token: finance, body: document });
    expect(response.status).toBe(403);
    expect(response.body.message).toContain('needs the admin role');
    expect(response.body.message).toContain('siti has finance');
    expect((await api('GET', `/regulations/${document.id}`, { token: admin })).status).toBe(404);
  });

  it('answers 401 without a token or with a forged one', async () => {
    const document = tangselRegulation('perwal-tangsel-anonymous');
    expect((await api('PUT', `/regulations/${document.id}`, { body: document })).status).toBe(401);
    const forged = `${admin.slice(0, -8)}AAAAAAAA`;
    expect((await api('GET', '/regulations', { token: forged })).status).toBe(401);
  });

  it('answers 400 naming every bad field of an invalid document', async () => {
    const document = tangselRegulation('perwal-tangsel-invalid') as any;
    document.jurisdiction = '9999';
    document.programs = ['JKK'];
    document.segments[1].eligibility = { minAge: 70, maxAge: 65 };
    document.segments[3].premiumBasis = { type: 'declared-income', declaredIncome: 500000 };
    delete document.segments[4].targetHeadcount;
    const response = await api('PUT', `/regulations/${document.id}`, { token: admin, body: document });
    expect(response.status).toBe(400);
    const paths = response.body.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'jurisdiction',
        'programs',
        'segments[1].eligibility.maxAge',
        'segments[3].premiumBasis.declaredIncome',
        'segments[4].targetHeadcount',
      ]),
    );
    expect(response.body.message).toContain('segments[1].eligibility.maxAge');
    expect((await api('GET', `/regulations/${document.id}`, { token: admin })).status).toBe(404);
  });

  it('checks rules across segments once each segment is valid: unique codes and priorities', async () => {
    const document = tangselRegulation('perwal-tangsel-repeats') as any;
    document.segments[2].code = 'KETUA_RT';
    document.segments[4].priority = 1;
    const response = await api('PUT', `/regulations/${document.id}`, { token: admin, body: document });
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([
      { path: 'segments[2].code', message: "repeats segment 0's code KETUA_RT" },
      { path: 'segments[4].priority', message: "repeats segment 0's priority 1" },
    ]);
  });

  it('rejects malformed JSON and a body whose id differs from the URL', async () => {
    const malformed = await api('PUT', '/regulations/perwal-x', { token: admin, rawBody: '{"id": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain('not valid JSON');

    const mismatch = await api('PUT', '/regulations/perwal-x', { token: admin, body: tangselRegulation('perwal-y') });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.issues).toEqual([{ path: 'id', message: 'must equal the id in the URL (perwal-x)' }]);
  });
});

describe('amending a regulation', () => {
  it('makes a new version, keeps the old one readable, and audits who changed what', async () => {
    const document = tangselRegulation('perwal-tangsel-amend');
    await api('PUT', `/regulations/${document.id}`, { token: admin, body: document });
    const amendedDocument = structuredClone(document);
    amendedDocument.segments[0]!.targetHeadcount = 3900;
    amendedDocument.title = `${document.title} (perubahan)`;

    const otherAdmin = await tokenFor('admin', 'dewi');
    const amended = await amendRegulation(amendedDocument, otherAdmin);
    expect(amended.status).toBe(200);
    expect(amended.body.outcome).toBe('amended');
    expect(amended.body.regulation.version).toBe(2);
    expect(amended.body.changes).toEqual([
      { path: 'segments[KETUA_RT].targetHeadcount', before: 3844, after: 3900 },
      { path: 'title', before: document.title, after: amendedDocument.title },
    ]);

    const current = await api('GET', `/regulations/${document.id}`, { token: finance });
    expect(current.body.version).toBe(2);
    expect(current.headers.get('etag')).toBe('"v2"');
    expect(amended.headers.get('etag')).toBe('"v2"');
    const first = await api('GET', `/regulations/${document.id}/versions/1`, { token: auditor });
    expect(first.body.segments[0].targetHeadcount).toBe(3844);
    expect(first.headers.get('etag')).toBe('"v1"');
    expect((await api('GET', `/regulations/${document.id}/versions/3`, { token: auditor })).status).toBe(404);

    const history = await api('GET', `/regulations/${document.id}/versions`, { token: auditor });
    expect(history.body.versions.map((v: { version: number; recordedBy: string }) => [v.version, v.recordedBy])).toEqual([
      [1, 'ani'],
      [2, 'dewi'],
    ]);
    expect(history.body.events.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['regulation.created', 'ani'],
      ['regulation.amended', 'dewi'],
    ]);

    const trail = await api('GET', `/audit-events?entity=regulation:${document.id}`, { token: auditor });
    expect(trail.status).toBe(200);
    expect(trail.body.events[1].changes).toHaveLength(2);
    expect(trail.body.events[1].actorRoles).toEqual(['admin']);
  });

  it('lets concurrent amendments of one version record exactly one', async () => {
    const document = tangselRegulation('perwal-tangsel-race');
    await api('PUT', `/regulations/${document.id}`, { token: admin, body: document });
    // Every client read version 1; whichever comes second fails its If-Match (412) or, when the
    // two are closer than that, the store's own version check (409).
    const readVersion1 = { 'if-match': '"v1"' };
    const variants = [3001, 3002, 3003, 3004].map((headcount) => {
      const variant = structuredClone(document);
      variant.segments[0]!.targetHeadcount = headcount;
      return variant;
    });
    const results = await Promise.all(variants.map((body) => api('PUT', `/regulations/${document.id}`, { token: admin, body, headers: readVersion1 })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 409 || s === 412)).toBe(true);
    const history = await api('GET', `/regulations/${document.id}/versions`, { token: auditor });
    // Every stored version has exactly one audit event: no half-recorded amendment.
    expect(history.body.events).toHaveLength(history.body.versions.length);
    expect(history.body.versions.map((v: { version: number }) => v.version)).toEqual(
      Array.from({ length: history.body.versions.length }, (_, i) => i + 1),
    );
  });
});

describe('the version an amendment is based on (If-Match)', () => {
  /** A regulation at version 2 (ani created it, dewi amended it), and a third change to make. */
  async function atVersion2(id: string) {
    const document = tangselRegulation(id);
    const created = await api('PUT', `/regulations/${id}`, { token: admin, body: document });
    expect(created.headers.get('etag')).toBe('"v1"');
    const second = structuredClone(document);
    second.segments[0]!.targetHeadcount = 3900;
    expect((await api('PUT', `/regulations/${id}`, { token: admin, body: second, headers: { 'if-match': '"v1"' } })).status).toBe(200);
    const third = structuredClone(second);
    third.segments[1]!.targetHeadcount = 800;
    return { document, second, third };
  }

  async function versionsOf(id: string): Promise<number> {
    return (await api('GET', `/regulations/${id}/versions`, { token: auditor })).body.versions.length;
  }

  it('refuses an amendment without If-Match with 428, saying what to send', async () => {
    const { third } = await atVersion2('perwal-precondition-missing');
    const response = await api('PUT', `/regulations/${third.id}`, { token: admin, body: third });
    expect(response.status).toBe(428);
    expect(response.body.error).toBe('PRECONDITION_REQUIRED');
    expect(response.body.message).toContain('send If-Match');
    expect(response.body.message).toContain('If-Match: "v2"');
    expect(await versionsOf(third.id)).toBe(2);
  });

  it('refuses an amendment of an old version with 412 naming the current one, and stores nothing', async () => {
    const { third } = await atVersion2('perwal-precondition-stale');
    for (const stale of ['"v1"', 'W/"v2"', '"v1", "v3"', '"something-else"']) {
      const response = await api('PUT', `/regulations/${third.id}`, { token: admin, body: third, headers: { 'if-match': stale } });
      expect(response.status, stale).toBe(412);
      expect(response.body.error).toBe('PRECONDITION_FAILED');
      expect(response.body.message).toContain('is at version 2');
      expect(response.body.message).toContain('someone else amended it');
      expect(response.body.details).toEqual({ currentVersion: 2, etag: '"v2"' });
    }
    expect(await versionsOf(third.id)).toBe(2);

    const current = await amendRegulation(third, admin);
    expect(current.status).toBe(200);
    expect(current.body.regulation.version).toBe(3);
    expect(current.headers.get('etag')).toBe('"v3"');
  });

  it('answers an identical document 200 unchanged whatever version it names, since nothing is overwritten', async () => {
    const { second } = await atVersion2('perwal-precondition-same');
    for (const headers of [{}, { 'if-match': '"v1"' }, { 'if-none-match': '*' }] as Record<string, string>[]) {
      const response = await api('PUT', `/regulations/${second.id}`, { token: admin, body: second, headers });
      expect(response.status, JSON.stringify(headers)).toBe(200);
      expect(response.body.outcome).toBe('unchanged');
      expect(response.headers.get('etag')).toBe('"v2"');
    }
  });

  it('accepts If-Match: * for any current version, and a list that names it', async () => {
    const { third } = await atVersion2('perwal-precondition-star');
    expect((await api('PUT', `/regulations/${third.id}`, { token: admin, body: third, headers: { 'if-match': '*' } })).body.outcome).toBe('amended');
    const fourth = { ...third, title: `${third.title} (II)` };
    const response = await api('PUT', `/regulations/${third.id}`, { token: admin, body: fourth, headers: { 'if-match': '"v2", "v3"' } });
    expect(response.body).toMatchObject({ outcome: 'amended', regulation: { version: 4 } });
  });

  it('creates without a precondition or with If-None-Match: *, which refuses to amend', async () => {
    const document = tangselRegulation('perwal-precondition-create');
    const created = await api('PUT', `/regulations/${document.id}`, { token: admin, body: document, headers: { 'if-none-match': '*' } });
    expect(created.body.outcome).toBe('created');
    const changed = { ...document, title: `${document.title} (perubahan)` };
    const refused = await api('PUT', `/regulations/${document.id}`, { token: admin, body: changed, headers: { 'if-none-match': '*' } });
    expect(refused.status).toBe(412);
    expect(refused.body.message).toContain('already exists (version 1)');
    expect(refused.body.message).toContain('If-Match: "v1"');
  });

  it('lets a browser on another origin send If-Match and read the ETag (CORS)', async () => {
    const preflight = await fetch(`${inject('apiUrl')}/regulations/perwal-precondition-cors`, {
      method: 'OPTIONS',
      headers: { origin: 'https://console.example', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,if-match' },
    });
    expect(preflight.headers.get('access-control-allow-headers')?.split(',')).toEqual(expect.arrayContaining(['if-match', 'if-none-match']));
    const document = tangselRegulation('perwal-precondition-cors');
    await api('PUT', `/regulations/${document.id}`, { token: admin, body: document });
    const read = await fetch(`${inject('apiUrl')}/regulations/${document.id}`, { headers: { origin: 'https://console.example', authorization: `Bearer ${admin}` } });
    expect(read.headers.get('access-control-expose-headers')).toBe('etag');
    expect(read.headers.get('etag')).toBe('"v1"');
  });

  it('refuses If-Match on a regulation that does not exist yet, and a malformed one with 400 naming the header', async () => {
    const document = tangselRegulation('perwal-precondition-absent');
    const absent = await api('PUT', `/regulations/${document.id}`, { token: admin, body: document, headers: { 'if-match': '"v1"' } });
    expect(absent.status).toBe(412);
    expect(absent.body.message).toContain('send the PUT without If-Match');
    expect((await api('GET', `/regulations/${document.id}`, { token: admin })).status).toBe(404);

    for (const [name, value] of [['if-match', 'v1'], ['if-match', '3'], ['if-none-match', '"v1"']] as const) {
      const malformed = await api('PUT', `/regulations/${document.id}`, { token: admin, body: document, headers: { [name]: value } });
      expect(malformed.status, `${name}: ${value}`).toBe(400);
      expect(malformed.body.issues).toEqual([{ path: `header.${name}`, message: expect.stringMatching(/must be/) }]);
    }
  });
});

describe('reading regulations', () => {
  it('lists regulations with their target headcount for every role', async () => {
    const document = tangselRegulation('perwal-tangsel-list');
    await api('PUT', `/regulations/${document.id}`, { token: admin, body: document });
    for (const token of [admin, finance, auditor]) {
      // The suite's other files add regulations too: the list may run to several pages.
      expect(await listAll('/regulations', 'regulations', token)).toContainEqual(
        expect.objectContaining({ id: document.id, segments: 6, targetHeadcount: 12946, jurisdiction: '3674' }),
      );
    }
  });

  it('answers 404 for an unknown regulation and 400 for a malformed id', async () => {
    const missing = await api('GET', '/regulations/perwal-nowhere-1-2020', { token: finance });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('does not exist in 3674 Kota Tangerang Selatan. List the regulations with `npx lindung regulation list`');
    const malformed = await api('GET', '/regulations/Not_An_Id', { token: finance });
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues[0].path).toBe('path.id');
  });

  it('tells the caller who they are', async () => {
    const me = await api('GET', '/me', { token: finance });
    expect(me.body).toMatchObject({ username: 'siti', roles: ['finance'] });
  });

  it('refuses the audit trail to nobody with a role, but requires a well-formed entity', async () => {
    const bad = await api('GET', '/audit-events?entity=nonsense', { token: auditor });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('query.entity');
  });
});
