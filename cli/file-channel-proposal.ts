import type { z } from 'zod';
import type { Proposal } from '../shared/api/budget-schemas';
import type { Regulation } from '../shared/api/schemas';
import { insurerChannelOf } from '../shared/core/regulation/insurer-channel';
import { callApi, type GlobalOptions } from './api-client';
import { CliError } from './cli-config';

/**
 * An approved proposal whose regulation (the version it was computed from) enrolls through files
 * with the BPJS branch. Exchanging files for a partner-API regulation would register people
 * twice, by the branch and by the run: refused, saying how to switch.
 */
export async function fileChannelProposal(api: GlobalOptions, proposalId: string): Promise<{ proposal: z.infer<typeof Proposal>; regulation: z.infer<typeof Regulation> }> {
  const proposal = await callApi<z.infer<typeof Proposal>>(api, 'GET', `/proposals/${encodeURIComponent(proposalId)}`, undefined, { retry: true });
  if (proposal.status !== 'approved' || !proposal.allocation || !proposal.snapshot) {
    throw new CliError(`Proposal ${proposalId} is ${proposal.status}: only an approved proposal is registered with the BPJS branch. See \`npx lindung budget show ${proposalId}\`.`);
  }
  const version = proposal.snapshot.regulationVersion;
  const regulation = await callApi<z.infer<typeof Regulation>>(
    api,
    'GET',
    `/regulations/${encodeURIComponent(proposal.regulationId)}/versions/${version}`,
    undefined,
    { retry: true },
  );
  if (insurerChannelOf(regulation) !== 'file') {
    throw new CliError(
      `Regulation ${proposal.regulationId} (version ${version}) enrolls through the partner API (insurerChannel: api): its run registers people itself. ` +
        'To exchange files with the BPJS branch instead, amend the regulation with `insurerChannel: file` and propose the budget again.',
    );
  }
  return { proposal, regulation };
}
