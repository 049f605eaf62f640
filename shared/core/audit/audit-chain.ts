import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../lib/canonical-json';
import { IsoDate } from '../calendar/calendar';
import type { AuditEvent } from './audit-event';
import { type ChainAnchor, anchorBreak } from './chain-anchor';

/**
 * The audit trail as hash chains, one per regulation: each event carries its place in the chain
 * (`seq`), the hash of the event before it and its own hash over a canonical form of everything
 * it says. Editing an event changes its hash; deleting one leaves a gap in the links; rewriting
 * the rest of the chain after it would have to change hashes that were exported elsewhere.
 *
 * Why per regulation and not per region: every change in Lindung belongs to one regulation (a
 * run, a bill, a proposal all name theirs), writers of one regulation are few at a time, so the
 * chain's head is rarely contended, and a region's trail is its regulations' chains.
 */

/** The hash before the first event of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** One event as it joins its chain. */
export type ChainedEvent = AuditEvent & { regulationId: string; seq: number; prevHash: string; hash: string };

/** The hash of an event at a place in its chain: SHA-256 over the event's own fields, seq and prevHash. */
export function eventHash(event: AuditEvent, seq: number, prevHash: string): string {
  const { seq: _seq, prevHash: _prev, hash: _hash, ...fields } = event;
  return createHash('sha256').update(canonicalJson({ ...fields, seq, prevHash })).digest('hex');
}

/** Events of one regulation joined to its chain after the head (`seq` 0 and GENESIS_HASH for a new chain), in order. */
export function chainEvents(events: readonly AuditEvent[], head: { seq: number; hash: string }): ChainedEvent[] {
  let { seq, hash } = head;
  return events.map((event) => {
    if (!event.regulationId) throw new Error(`Audit event ${event.action} names no regulation: it cannot join a chain`);
    seq += 1;
    const chained = { ...event, regulationId: event.regulationId, seq, prevHash: hash, hash: eventHash(event, seq, hash) };
    hash = chained.hash;
    return chained;
  });
}

/** A chain's link to one event: stored apart from the event, so a deleted event leaves its link behind. */
export interface ChainLink {
  readonly regulationId: string;
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
  readonly at: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly eventId: string;
}

export const ChainVerification = z.object({
  regulationId: z.string(),
  /** Links walked. */
  events: z.number().int(),
  /** The last event whose link and hash hold (none: the chain is empty or broken at its first). */
  verifiedUpTo: z.object({ seq: z.number().int(), at: z.string(), hash: z.string() }).optional(),
  /** The first broken link: where, and what is wrong. */
  broken: z.object({ seq: z.number().int(), at: z.string().optional(), reason: z.string() }).optional(),
  /** The latest exported head of the chain it was checked against: when exported, its event, and whether the chain still holds it. */
  anchor: z.object({ date: IsoDate, seq: z.number().int(), holds: z.boolean() }).optional(),
}).meta({ id: 'ChainVerification' });
export type ChainVerification = z.infer<typeof ChainVerification>;

/**
 * Walks a chain's links in order with the events they point to, and names the first broken link:
 * a missing link (a gap in `seq`), a link whose previous hash is not the hash before it, an event
 * deleted under its link, or an event whose content no longer gives the hash its link recorded.
 * Given the head exported on an earlier day (`anchor`), the chain must also still hold it
 * (chain-anchor.ts): a chain rewritten whole, or cut short, since that export is broken too.
 */
export async function verifyChain(
  regulationId: string,
  links: AsyncIterable<{ link: ChainLink; event: AuditEvent | undefined }>,
  anchor?: ChainAnchor,
): Promise<ChainVerification> {
  let previous = { seq: 0, hash: GENESIS_HASH, at: '' };
  let walked = 0;
  let anchorHolds = false;
  const result = (broken?: ChainVerification['broken'], upTo: typeof previous | null = previous): ChainVerification => ({
    regulationId,
    events: walked,
    ...(upTo && upTo.seq > 0 ? { verifiedUpTo: { seq: upTo.seq, at: upTo.at, hash: upTo.hash } } : {}),
    ...(broken ? { broken } : {}),
    ...(anchor ? { anchor: { date: anchor.date, seq: anchor.head.seq, holds: anchorHolds } } : {}),
  });
  for await (const { link, event } of links) {
    walked += 1;
    const seq = previous.seq + 1;
    if (link.seq !== seq) return result({ seq, reason: `link ${seq} is missing (the chain jumps from ${previous.seq} to ${link.seq}): an event and its link were deleted` });
    if (link.prevHash !== previous.hash) return result({ seq, at: link.at, reason: `link ${seq} does not follow link ${previous.seq}: its previous hash is not that event's hash` });
    if (!event) return result({ seq, at: link.at, reason: `event ${seq} (${link.entityType}:${link.entityId} at ${link.at}) was deleted` });
    if (event.hash !== link.hash || eventHash(event, seq, link.prevHash) !== link.hash) {
      return result({ seq, at: link.at, reason: `event ${seq} (${event.action} by ${event.actor} at ${event.at}) was changed after it was recorded` });
    }
    if (anchor && seq === anchor.head.seq) {
      // Rewritten up to the exported head: no event up to it can be vouched for.
      const broken = anchorBreak(anchor, { length: seq, link });
      if (broken) return result(broken, null);
      anchorHolds = true;
    }
    previous = { seq, hash: link.hash, at: link.at };
  }
  if (anchor && previous.seq < anchor.head.seq) return result(anchorBreak(anchor, { length: previous.seq }));
  return result();
}
