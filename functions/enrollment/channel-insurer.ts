import { FileExchangeInsurer } from '../../shared/adapters/insurer/file-exchange-insurer';
import { HttpInsurerClient } from '../../shared/adapters/insurer/http-insurer-client';
import { insurerConfig } from '../../shared/adapters/insurer/insurer-config';
import type { Insurer } from '../../shared/core/enrollment/insurer-port';
import { insurerChannelOf } from '../../shared/core/regulation/insurer-channel';
import type { Regulation } from '../../shared/core/regulation/regulation';
import { enrollmentStores } from './stores';

/**
 * The insurer a proposal's run registers its people with, by the insurerChannel of the regulation
 * version the proposal was computed from, and the collective account its requests name. The file
 * channel reads no insurer secret: an office without partner API access has none to give, and the
 * branch registers people under the collective account it holds itself (so requests name none).
 */
export async function channelInsurer(regulation: Pick<Regulation, 'insurerChannel'>, proposalId: string): Promise<{ insurer: Insurer; collectiveAccount: string }> {
  if (insurerChannelOf(regulation) === 'file') {
    return { insurer: new FileExchangeInsurer(enrollmentStores.memberFiles, proposalId), collectiveAccount: '' };
  }
  const config = await insurerConfig();
  return {
    insurer: new HttpInsurerClient({ baseUrl: config.baseUrl, apiKey: config.apiKey, ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}) }),
    collectiveAccount: config.collectiveAccount,
  };
}
