import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../shared/api/page-cursor';
import { amendRegulation, api, tokenFor } from '../support/api';
import { propose } from '../support/budget';
import { tangselRegulation } from '../support/tangsel';

/** Issue #12: every list route pages with `limit` and `cursor`, so no response grows with the data. */

let admin: string;
let auditor: string;

beforeAll(async () => {
  [admin, auditor] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('auditor', 'budi')]);
});

/** Creates the regulation, or amends it as a client that read it first (If-Match). */
async function applyRegulation(id: string, title?: string): Promise<void> {
  const response = await amendRegulation({ ...tangselRegulation(id), ...(title ? { title } : {}) }, admin);
  expect(response.status).toBe(200);
}

/** Follows nextCursor to the end; returns each page's items. */
async function walk(path: string, field: string, limit: number): Promise<unknown[][]> {
  const pages: unknown[][] = [];
  let cursor: string | undefined;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const response = await api('GET', `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token: auditor });
    expect(response.status).toBe(200);
    expect(response.body[field].length).toBeLessThanOrEqual(limit);
    pages.push(response.body[field]);
    cursor = response.body.nextCursor;
    expect(pages.length).toBeLessThan(20);
  } while (cursor);
  return pages;
}

describe('list routes page with limit and cursor', () => {
  it("walks a fresh regulation's five proposals two at a time, newest first, among everyone else's", async () => {
    const id = 'perwal-paging-proposals';
    await applyRegulation(id);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await propose(admin, { regulationId: id, year: 2030 + i, cohort: 'original' })).proposalId);
    const pages = await walk(`/proposals?regulationId=${id}`, 'proposals', 2);
    const listed = pages.flat().map((p) => (p as { proposalId: string }).proposalId);
    expect(listed).toEqual([...ids].reverse());
    expect(pages.filter((page) => page.length > 0).map((page) => page.length)).toEqual([2, 2, 1]);
  });

  it("walks a regulation's imports and its audit trail to the end, each item once", async () => {
    const id = 'perwal-paging-imports';
    await applyRegulation(id);
    for (let version = 2; version <= 5; version++) await applyRegulation(id, `Peraturan versi ${version}`);
    const importIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await api('POST', `/regulations/${id}/imports`, {
        token: admin,
        body: { fileName: `roster-${i}.csv`, coverageStart: '2027-01-01', clientToken: `paging-import-${i}` },
      });
      expect(created.status).toBe(201);
      importIds.push(created.body.importId);
    }
    const imports = (await walk(`/regulations/${id}/imports`, 'imports', 2)).flat().map((i) => (i as { importId: string }).importId);
    expect(imports).toEqual([...importIds].reverse());

    const events = (await walk(`/audit-events?entity=regulation:${id}`, 'events', 2)).flat() as { action: string; summary: string }[];
    // Five versions, then the five imports opened (each audited on the regulation), oldest first.
    expect(events).toHaveLength(10);
    expect(new Set(events.map((e) => JSON.stringify(e))).size).toBe(10);
  });

  it('pages the regulations with the default limit when none is given', async () => {
    const response = await api('GET', '/regulations', { token: auditor });
    expect(response.status).toBe(200);
    expect(response.body.regulations.length).toBeLessThanOrEqual(50);
    const first = await api('GET', '/regulations?limit=1', { token: auditor });
    expect(first.body.regulations).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api('GET', `/regulations?limit=1&cursor=${first.body.nextCursor}`, { token: auditor });
    expect(second.body.regulations[0].id > first.body.regulations[0].id).toBe(true);
  });
});

describe('page parameters are checked', () => {
  it('refuses a malformed cursor with 400 naming it', async () => {
    for (const cursor of ['not a cursor!', 'bm90LWpzb24', encodeCursor({}), Buffer.from('[1,2]').toString('base64url')]) {
      const response = await api('GET', `/proposals?cursor=${encodeURIComponent(cursor)}`, { token: auditor });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.cursor']);
    }
  });

  it('refuses a well-formed cursor that is no position of the list with 400, never 500', async () => {
    const response = await api('GET', `/regulations?cursor=${encodeCursor({ colour: 'red' })}`, { token: auditor });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'query.cursor', message: expect.stringContaining('is not a cursor this list gave out') }]);
  });

  it('refuses a limit above the maximum or below 1, naming limit', async () => {
    const over = await api('GET', '/enrollment-runs?limit=201', { token: auditor });
    expect(over.status).toBe(400);
    expect(over.body.errors).toEqual([{ path: 'query.limit', message: 'must be at most 200' }]);
    const zero = await api('GET', '/audit-events?actor=ani&limit=0', { token: auditor });
    expect(zero.status).toBe(400);
    expect(zero.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.limit']);
  });
});
