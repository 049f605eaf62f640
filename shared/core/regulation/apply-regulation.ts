import { z } from 'zod';

import { regulationDocument } from './regulation-document';
import { auditEvent } from '../audit/audit-event';
import type { Caller } from '../access/roles';
import { diffDocuments } from '../audit/document-diff';
import { Regulation, type RegulationInput } from './regulation';
import type { ProposalStore } from '../budget/proposal-store';
import { requireAmendmentKeepsCover } from './amendment-keeps-cover';
import { requireAmendmentPrecondition, type VersionPrecondition } from './amendment-precondition';
import { requireJurisdictionIsFixed } from './jurisdiction-is-fixed';
import type { RegulationStore } from './regulation-store';
import { FieldChange } from '../audit/document-diff';

export const ApplyRegulationResult = z.object({
  outcome: z.enum(['created', 'amended', 'unchanged']),
  regulation: Regulation,
  changes: z.array(FieldChange),
}).meta({ id: 'ApplyRegulationResult' });
export type ApplyRegulationResult = z.infer<typeof ApplyRegulationResult>;

/**
 * Creates a regulation, or amends it into a new version. Applying the same document again
 * changes nothing and records nothing, so a repeated `regulation apply` is harmless. An
 * amendment must name the version it was made from (amendment-precondition.ts). Amended
 * effective dates may not leave funded people outside them (amendment-keeps-cover.ts), and the
 * jurisdiction never changes (jurisdiction-is-fixed.ts).
 */
export async function applyRegulation(
  stores: { regulations: RegulationStore; proposals: Pick<ProposalStore, 'list'> },
  input: RegulationInput,
  precondition: VersionPrecondition,
  caller: Caller,
  now: Date,
): Promise<ApplyRegulationResult> {
  const store = stores.regulations;
  const current = await store.current(input.id);
  const changes = current ? diffDocuments(regulationDocument(current), input) : [];
  if (current && changes.length === 0) return { outcome: 'unchanged', regulation: current, changes };
  requireAmendmentPrecondition(input.id, current, precondition);
  requireJurisdictionIsFixed(current, input);
  if (current && (current.effectiveFrom !== input.effectiveFrom || current.effectiveTo !== input.effectiveTo)) {
    requireAmendmentKeepsCover(input, await stores.proposals.list({ regulationId: input.id }));
  }

  const regulation: Regulation = {
    ...input,
    version: (current?.version ?? 0) + 1,
    recordedAt: now.toISOString(),
    recordedBy: caller.username,
  };
  const outcome = current ? 'amended' : 'created';
  const summary = current
    ? `Amended ${input.id} to version ${regulation.version}: ${changes.length} field${changes.length === 1 ? '' : 's'} changed`
    : `Created ${input.id} (${input.legalBasis.type} ${input.legalBasis.number}/${input.legalBasis.year}) with ${input.segments.length} segments`;
  await store.record(
    regulation,
    auditEvent({ caller, at: now, action: `regulation.${outcome}`, entityType: 'regulation', entityId: input.id, summary, changes }),
  );
  return { outcome, regulation, changes };
}
