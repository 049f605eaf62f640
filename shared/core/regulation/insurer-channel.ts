import { z } from 'zod';
import type { RegulationInput } from './regulation';

/**
 * How a regulation's people reach BPJS Ketenagakerjaan. `api`: the partner API registers them
 * batch by batch (shared/adapters/insurer/http-insurer-client.ts). `file`: the office exchanges
 * spreadsheets with its BPJS branch, a registration file out and the branch's member file back
 * (shared/adapters/insurer/file-exchange-insurer.ts); no public partner API could be found, so
 * this is how most offices work today. Either way the run goes through the same ledger.
 */
export const InsurerChannel = z.enum(['api', 'file']);
export type InsurerChannel = z.infer<typeof InsurerChannel>;

/** A regulation that names no channel uses the partner API, as every regulation did before the file channel. */
export function insurerChannelOf(regulation: Pick<RegulationInput, 'insurerChannel'>): InsurerChannel {
  return regulation.insurerChannel ?? 'api';
}
