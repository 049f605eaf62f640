import type { AuditEvent } from '../audit/audit-event';
import type { Scenario } from './scenario';

/** Port: where a regulation's scenarios and their versions live. */
export interface ScenarioStore {
  /** The latest version, or the one asked for; undefined when there is none. */
  get(regulationId: string, scenarioId: string, version?: number): Promise<Scenario | undefined>;
  /** The latest version of each of a regulation's scenarios, by id. */
  list(regulationId: string): Promise<Scenario[]>;
  /**
   * Stores a new version with its audit event, atomically. Fails with ConflictError when another
   * version was saved since `scenario.version - 1` was read.
   */
  save(scenario: Scenario, event: AuditEvent): Promise<void>;
  /**
   * Where a scenario's ceiling or quota cuts a segment (the last funded NIK; null: nobody is
   * funded), remembered under a key that names everything the cut depends on, so that listing a
   * segment page by page settles it once. Not real data: a copy that may expire at any time.
   */
  rememberedCut(regulationId: string, key: string): Promise<string | null | undefined>;
  rememberCut(regulationId: string, key: string, lastFundedNik: string | null): Promise<void>;
}
