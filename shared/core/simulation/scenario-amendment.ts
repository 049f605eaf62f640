import { z } from 'zod';
import { diffDocuments, FieldChange } from '../audit/document-diff';
import type { RegulationStore } from '../regulation/regulation-store';
import { type Regulation, RegulationInput } from '../regulation/regulation';
import { regulationDocument } from '../regulation/regulation-document';
import { requireRegulation } from '../regulation/require-regulation';
import { versionEtag } from '../regulation/version-etag';
import { applyScenario } from './apply-scenario';
import { requireScenario, type ScenarioRef } from './run-simulation';
import type { ScenarioInput } from './scenario';
import type { ScenarioStore } from './scenario-store';

export const ScenarioAmendment = z
  .object({
    /** The regulation document as the scenario would have it: what an admin applies to amend it. */
    regulation: RegulationInput,
    /** The version it amends, and the If-Match to apply it with. */
    basedOnVersion: z.number().int().positive(),
    ifMatch: z.string(),
    changes: z.array(FieldChange),
  })
  .meta({ id: 'ScenarioAmendment' });
export type ScenarioAmendment = z.infer<typeof ScenarioAmendment>;

/**
 * A scenario as a draft amendment of its regulation: the segments, targets, priorities, incomes
 * and age windows it changes, applied to the current version. Nothing is stored: an admin applies
 * the draft through the normal path (`PUT /regulations/{id}` with If-Match), which versions and
 * audits it, and budgets follow the amended regulation as usual. What a scenario assumes rather
 * than rules (people, growth, a ceiling, cohorts, rate changes) is no part of a regulation.
 */
export async function scenarioAmendment(
  stores: { scenarios: Pick<ScenarioStore, 'get'>; regulations: Pick<RegulationStore, 'current'> },
  ref: ScenarioRef,
): Promise<ScenarioAmendment> {
  const scenario = requireScenario(await stores.scenarios.get(ref.regulationId, ref.scenarioId, ref.version), ref);
  const current = requireRegulation(await stores.regulations.current(ref.regulationId), ref.regulationId);
  return amendmentOf(current, scenario);
}

/** The amendment a scenario makes to a regulation's version: no `changes` when it rules nothing new. */
export function amendmentOf(current: Regulation, scenario: ScenarioInput): ScenarioAmendment {
  const document = regulationDocument(applyScenario(current, scenario).regulation);
  return { regulation: document, basedOnVersion: current.version, ifMatch: versionEtag(current.version), changes: diffDocuments(regulationDocument(current), document) };
}
