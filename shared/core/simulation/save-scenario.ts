import { z } from 'zod';
import type { Caller } from '../access/roles';
import { auditEvent } from '../audit/audit-event';
import { diffDocuments, FieldChange } from '../audit/document-diff';
import type { RegulationStore } from '../regulation/regulation-store';
import { requireRegulation } from '../regulation/require-regulation';
import { applyScenario } from './apply-scenario';
import { Scenario, type ScenarioInput } from './scenario';
import { scenarioDocument } from './scenario-document';
import type { ScenarioStore } from './scenario-store';

export const SaveScenarioResult = z
  .object({
    outcome: z.enum(['created', 'changed', 'unchanged']),
    scenario: Scenario,
    changes: z.array(FieldChange),
  })
  .meta({ id: 'SaveScenarioResult' });
export type SaveScenarioResult = z.infer<typeof SaveScenarioResult>;

/**
 * Saves a scenario as a new version, with its audit event; saving the same document again
 * changes nothing and records nothing. A scenario is checked against its regulation as it is now
 * (segments it names exist, the changed regulation would be valid), so a saved scenario can be
 * simulated; the regulation may be amended later, and a simulation then says what no longer fits.
 */
export async function saveScenario(
  stores: { scenarios: ScenarioStore; regulations: Pick<RegulationStore, 'current'> },
  input: ScenarioInput,
  caller: Caller,
  now: Date,
): Promise<SaveScenarioResult> {
  applyScenario(requireRegulation(await stores.regulations.current(input.regulationId), input.regulationId), input);
  const current = await stores.scenarios.get(input.regulationId, input.id);
  const changes = current ? diffDocuments(scenarioDocument(current), input) : [];
  if (current && changes.length === 0) return { outcome: 'unchanged', scenario: current, changes };

  const scenario: Scenario = { ...input, version: (current?.version ?? 0) + 1, savedAt: now.toISOString(), savedBy: caller.username };
  const outcome = current ? 'changed' : 'created';
  await stores.scenarios.save(
    scenario,
    auditEvent({
      caller,
      at: now,
      action: `scenario.${outcome}`,
      entityType: 'scenario',
      entityId: input.id,
      regulationId: input.regulationId,
      summary: current
        ? `Changed scenario "${input.name}" to version ${scenario.version}: ${changes.length} field${changes.length === 1 ? '' : 's'} changed`
        : `Saved scenario "${input.name}" for ${input.year}`,
      changes,
    }),
  );
  return { outcome, scenario, changes };
}
