import { describe, expect, it } from 'vitest';
import { type ChainLink, chainEvents, GENESIS_HASH, verifyChain } from '../../shared/core/audit/audit-chain';
import { type AuditEvent, auditEvent } from '../../shared/core/audit/audit-event';
import type { ChainAnchor } from '../../shared/core/audit/chain-anchor';

/** The hash chain of a regulation's audit trail, and what verification finds when it is tampered with. */

const siti = { userId: 'u-siti', username: 'siti', roles: ['finance'] as const };
const events = (n: number): AuditEvent[] =>
  Array.from({ length: n }, (_, i) => auditEvent({ caller: siti, at: new Date(Date.UTC(2027, 0, 1 + i)), action: 'regulation.amended', entityType: 'regulation', entityId: 'perwal-x', summary: `Langkah ${i + 1}` }));

function linked(chained: AuditEvent[]): { link: ChainLink; event: AuditEvent | undefined }[] {
  return chained.map((event) => ({
    link: { regulationId: event.regulationId!, seq: event.seq!, prevHash: event.prevHash!, hash: event.hash!, at: event.at, entityType: event.entityType, entityId: event.entityId, eventId: event.eventId },
    event,
  }));
}

async function* walk<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

describe('the audit hash chain', () => {
  const chain = chainEvents(events(5), { seq: 0, hash: GENESIS_HASH });

  it('links each event to the one before, from the genesis hash', async () => {
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.prevHash).toBe(chain[i - 1]!.hash);
    expect(await verifyChain('perwal-x', walk(linked(chain)))).toEqual({
      regulationId: 'perwal-x',
      events: 5,
      verifiedUpTo: { seq: 5, at: chain[4]!.at, hash: chain[4]!.hash },
    });
  });

  it('continues after a head, so a later write joins the same chain', () => {
    const more = chainEvents(events(1), { seq: 5, hash: chain[4]!.hash });
    expect(more[0]).toMatchObject({ seq: 6, prevHash: chain[4]!.hash });
  });

  it('names an event changed after it was recorded', async () => {
    const tampered = linked(chain);
    tampered[2] = { ...tampered[2]!, event: { ...tampered[2]!.event!, summary: 'Disetujui Rp9.999.999.999' } };
    const result = await verifyChain('perwal-x', walk(tampered));
    expect(result.broken).toMatchObject({ seq: 3, reason: expect.stringContaining('was changed after it was recorded') });
    expect(result.verifiedUpTo?.seq).toBe(2);
  });

  it('names an event deleted under its link, and a link deleted with its event', async () => {
    const eventGone = linked(chain);
    eventGone[1] = { ...eventGone[1]!, event: undefined };
    expect((await verifyChain('perwal-x', walk(eventGone))).broken).toMatchObject({ seq: 2, reason: expect.stringContaining('was deleted') });

    const linkGone = linked(chain).filter((_, i) => i !== 3);
    expect((await verifyChain('perwal-x', walk(linkGone))).broken).toMatchObject({ seq: 4, reason: expect.stringContaining('link 4 is missing') });
  });

  it('names a link rewritten to skip an event', async () => {
    const relinked = linked(chain);
    relinked[3] = { ...relinked[3]!, link: { ...relinked[3]!.link, prevHash: GENESIS_HASH } };
    expect((await verifyChain('perwal-x', walk(relinked))).broken).toMatchObject({ seq: 4, reason: expect.stringContaining('does not follow') });
  });

  it('refuses an event that names no regulation', () => {
    const { regulationId: _none, ...orphan } = events(1)[0]!;
    expect(() => chainEvents([orphan], { seq: 0, hash: GENESIS_HASH })).toThrow('names no regulation');
  });
});

describe('the chain against its head exported on an earlier day', () => {
  const original = events(5);
  const chain = chainEvents(original, { seq: 0, hash: GENESIS_HASH });
  const exported: ChainAnchor = { date: '2027-01-03', head: { regulationId: 'perwal-x', seq: 3, hash: chain[2]!.hash, at: chain[2]!.at } };
  /** The chain as someone able to write the Audit table would leave it: event `index` edited, every hash from it on recomputed. */
  const rewritten = (index: number) => chainEvents(original.map((e, i) => (i === index ? { ...e, summary: 'Disetujui Rp9.999.999.999' } : e)), { seq: 0, hash: GENESIS_HASH });

  it('still holds the head, after the chain grew past it', async () => {
    const result = await verifyChain('perwal-x', walk(linked(chain)), exported);
    expect(result.broken).toBeUndefined();
    expect(result.verifiedUpTo?.seq).toBe(5);
    expect(result.anchor).toEqual({ date: '2027-01-03', seq: 3, holds: true });
  });

  it("names the head's event rewritten with every hash after it, which walking the links alone cannot see", async () => {
    const tampered = walk(linked(rewritten(2)));
    expect((await verifyChain('perwal-x', walk(linked(rewritten(2))))).broken).toBeUndefined();
    const result = await verifyChain('perwal-x', tampered, exported);
    expect(result.broken).toMatchObject({ seq: 3, reason: expect.stringContaining('no longer has the hash exported on 2027-01-03') });
    // Rewritten from an event that can no longer be told: nothing up to the head is vouched for.
    expect(result.verifiedUpTo).toBeUndefined();
    expect(result.anchor).toEqual({ date: '2027-01-03', seq: 3, holds: false });
  });

  it('names an event rewritten before the head at the head, and one rewritten after it nowhere', async () => {
    expect((await verifyChain('perwal-x', walk(linked(rewritten(0))), exported)).broken).toMatchObject({ seq: 3, reason: expect.stringContaining('2027-01-03') });
    // After the export the chain is for the next export to pin.
    expect((await verifyChain('perwal-x', walk(linked(rewritten(4))), exported)).anchor?.holds).toBe(true);
  });

  it("names an edit at the head's event that left the hashes alone where the links show it", async () => {
    const tampered = linked(chain);
    tampered[2] = { ...tampered[2]!, event: { ...tampered[2]!.event!, summary: 'Disetujui Rp9.999.999.999' } };
    const result = await verifyChain('perwal-x', walk(tampered), exported);
    expect(result.broken).toMatchObject({ seq: 3, reason: expect.stringContaining('was changed after it was recorded') });
    expect(result.anchor?.holds).toBe(false);
  });

  it('names a chain cut short below the head', async () => {
    const result = await verifyChain('perwal-x', walk(linked(chain).slice(0, 2)), exported);
    expect(result.broken).toMatchObject({ seq: 3, reason: expect.stringContaining('the chain ends at event 2, but its head exported on 2027-01-03 was event 3') });
    expect(result.verifiedUpTo?.seq).toBe(2);
    expect(result.anchor).toEqual({ date: '2027-01-03', seq: 3, holds: false });
    expect((await verifyChain('perwal-x', walk([]), exported)).broken).toMatchObject({ seq: 1, reason: expect.stringContaining('ends at event 0') });
  });
});
