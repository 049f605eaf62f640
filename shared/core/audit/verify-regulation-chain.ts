import type { RegulationStore } from '../regulation/regulation-store';
import { requireRegulation } from '../regulation/require-regulation';
import { type ChainVerification, verifyChain } from './audit-chain';
import type { AuditTrail } from './audit-trail';
import type { ChainHeadArchive } from './chain-head-archive';

/**
 * A regulation's chain verified link by link and against its head in the latest export (none
 * for a regulation first recorded since): what `GET /regulations/{id}/audit-chain` answers.
 */
export async function verifyRegulationChain(
  deps: { regulations: Pick<RegulationStore, 'current'>; trail: Pick<AuditTrail, 'chain'>; archive: Pick<ChainHeadArchive, 'latest'> },
  regulationId: string,
): Promise<ChainVerification> {
  requireRegulation(await deps.regulations.current(regulationId), regulationId);
  const exported = await deps.archive.latest();
  const head = exported?.heads.find((h) => h.regulationId === regulationId);
  return verifyChain(regulationId, deps.trail.chain(regulationId), exported && head ? { date: exported.date, head } : undefined);
}
