import type { IsoDate } from '../calendar/calendar';
import type { ChainHead } from './chain-head-export';

/** A chain head exported on a day: what the chain must still hold every day after. */
export interface ChainAnchor {
  readonly date: IsoDate;
  readonly head: ChainHead;
}

/** Where a chain no longer holds its anchor, worded like verifyChain's broken links. */
export interface AnchorBreak {
  readonly seq: number;
  readonly at?: string;
  readonly reason: string;
}

/**
 * Whether today's chain still holds a head exported earlier. A chain that verifies link by link
 * can still have been rewritten whole by someone able to write the Audit table (every hash
 * recomputed from the edited event on); the export, kept where no one can change it, tells:
 * - the link at the head's seq must carry the exported hash (else the chain was rewritten up to
 *   that link, from an event that can no longer be told);
 * - the chain must reach that seq (else events recorded before the export were removed from its end).
 *
 * `chain` is how far the chain was verified (`length`) and its link at the head's seq, absent
 * when it ends before.
 */
export function anchorBreak(anchor: ChainAnchor, chain: { length: number; link?: { hash: string; at: string } }): AnchorBreak | undefined {
  const { date, head } = anchor;
  if (!chain.link) {
    return {
      seq: chain.length + 1,
      reason: `the chain ends at event ${chain.length}, but its head exported on ${date} was event ${head.seq}: events recorded before that export were removed`,
    };
  }
  if (chain.link.hash !== head.hash) {
    return {
      seq: head.seq,
      at: chain.link.at,
      reason: `event ${head.seq} no longer has the hash exported on ${date}: the chain was rewritten up to it after that export`,
    };
  }
  return undefined;
}
