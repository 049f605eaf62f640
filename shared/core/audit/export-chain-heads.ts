import { NATIONAL_REGION } from '../access/region-reach';
import type { IsoDate } from '../calendar/calendar';
import type { RegulationStore } from '../regulation/regulation-store';
import { forEachConcurrently } from '../../lib/for-each-concurrently';
import type { AuditTrail } from './audit-trail';
import type { ChainHeadArchive } from './chain-head-archive';
import type { ChainHead } from './chain-head-export';

/** Heads read side by side: one small query each. */
const CONCURRENT_READS = 8;

/**
 * The daily export (the ChainHeadExport workflow, started at 03:00 in Jakarta): every
 * regulation's chain head, put in the archive as that day's export. A day is exported once: run
 * again (a retried schedule, a re-run by hand), it reads the heads but writes nothing, so the
 * head first exported for a day is the one later verifications check against.
 */
export async function exportChainHeads(
  deps: { regulations: Pick<RegulationStore, 'list'>; trail: Pick<AuditTrail, 'head'>; archive: Pick<ChainHeadArchive, 'put'> },
  day: { date: IsoDate; at: Date },
): Promise<{ date: IsoDate; heads: number; written: boolean }> {
  // Every regulation of the deployment, whichever region it belongs to: the export is one
  // deployment's record, not a region's.
  const regulations = await deps.regulations.list(NATIONAL_REGION);
  const heads: ChainHead[] = [];
  await forEachConcurrently(regulations, CONCURRENT_READS, async (regulation) => {
    const link = await deps.trail.head(regulation.id);
    if (link) heads.push({ regulationId: link.regulationId, seq: link.seq, hash: link.hash, at: link.at });
  });
  heads.sort((a, b) => a.regulationId.localeCompare(b.regulationId));
  const written = await deps.archive.put({ exportedAt: day.at.toISOString(), date: day.date, heads });
  return { date: day.date, heads: heads.length, written };
}
