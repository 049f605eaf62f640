import { z } from 'zod';
import { ProposalId } from './proposal';

/** The messages the budget workflows pass between states: proposal ids only. */
export const ProposalWorkflowInput = z.object({ proposalId: ProposalId });
export const ProposalFailureInput = z.object({
  proposalId: ProposalId,
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).passthrough(),
});
