import type { Scenario, ScenarioInput } from './scenario';

/** A saved scenario as the document a user saves: without the version and provenance saving added. */
export function scenarioDocument(scenario: Scenario): ScenarioInput {
  const { version: _version, savedAt: _savedAt, savedBy: _savedBy, ...document } = scenario;
  return document;
}
