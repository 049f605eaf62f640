import { beforeAll, describe, expect, it } from 'vitest';
import { api, listAll, tokenFor } from '../support/api';
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
    const amended = await api('PUT', `/regulations/${document.id}`, { token: otherAdmin, body: amendedDocument });
    expect(amended.status).toBe(200);
    expect(amended.body.outcome).toBe('amended');
    expect(amended.body.regulation.version).toBe(2);
    expect(amended.body.changes).toEqual([
      { path: 'segments[KETUA_RT].targetHeadcount', before: 3844, after: 3900 },
      { path: 'title', before: document.title, after: amendedDocument.title },
    ]);

    const current = await api('GET', `/regulations/${document.id}`, { token: finance });
    expect(current.body.version).toBe(2);
    const first = await api('GET', `/regulations/${document.id}/versions/1`, { token: auditor });
    expect(first.body.segments[0].targetHeadcount).toBe(3844);
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

  it('lets two concurrent amendments of one version record exactly one', async () => {
    const document = tangselRegulation('perwal-tangsel-race');
    await api('PUT', `/regulations/${document.id}`, { token: admin, body: document });
    const variants = [3001, 3002, 3003, 3004].map((headcount) => {
      const variant = structuredClone(document);
      variant.segments[0]!.targetHeadcount = headcount;
      return variant;
    });
    const results = await Promise.all(variants.map((body) => api('PUT', `/regulations/${document.id}`, { token: admin, body })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const history = await api('GET', `/regulations/${document.id}/versions`, { token: auditor });
    // Every stored version has exactly one audit event: no half-recorded amendment.
    expect(history.body.events).toHaveLength(history.body.versions.length);
    expect(history.body.versions.map((v: { version: number }) => v.version)).toEqual(
      Array.from({ length: history.body.versions.length }, (_, i) => i + 1),
    );
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
    expect(missing.body.message).toContain('regulation list');
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
