import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../shared/api/page-cursor';
import { amendRegulation, api, tokenFor } from '../support/api';
import { propose } from '../support/budget';
import { importRoster, rosterCsv } from '../support/roster-files';
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

describe('rejected rows page by bytes as well as by rows', () => {
  it('stops a page of long rejected rows well below the 6 MB a Lambda may answer, and walks all of them once', async () => {
    const id = 'perwal-paging-rejections';
    await applyRegulation(id);
    // 1,000 rows with all nine texts at their 500-character maximum, each rejected with four
    // problems: 1,000 of them to a page would be past Lambda's 6 MB response.
    const long = (letter: string, i: number) => `${i}`.padEnd(500, letter);
    const rows = Array.from({ length: 1000 }, (_, i) => ['nikabcdefghi'.split('').map((l) => long(l, i)).slice(0, 9)].flat());
    const imported = await importRoster(id, rosterCsv(rows));
    expect(imported).toMatchObject({ status: 'completed', accepted: 0, rejected: 1000 });
    const pages: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await api('GET', `/imports/${imported.importId}/rejections${cursor ? `?cursor=${cursor}` : ''}`, { token: auditor });
      expect(page.status).toBe(200);
      expect(JSON.stringify(page.body).length).toBeLessThan(6 * 1024 * 1024);
      pages.push(page.body.rows.length);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages[0]).toBeLessThan(1000);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(1000);
    const malformed = await api('GET', `/imports/${imported.importId}/rejections?cursor=not-a-cursor`, { token: auditor });
    expect(malformed.status).toBe(400);
  }, 120_000);
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
