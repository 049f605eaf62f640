import type { AuditEvent } from '../audit/audit-event';
import type { Regulation } from './regulation';

export interface RegulationVersionInfo {
  version: number;
  recordedAt: string;
  recordedBy: string;
}

/** Port: where regulations and their versions live. */
export interface RegulationStore {
  current(id: string): Promise<Regulation | undefined>;
  version(id: string, version: number): Promise<Regulation | undefined>;
  versions(id: string): Promise<RegulationVersionInfo[]>;
  /** The regulations a region reaches (region-reach.ts); workflows that serve every region pass NATIONAL_REGION. */
  list(region: string): Promise<Regulation[]>;
  /**
   * Stores a new version together with its audit event, atomically. Fails with ConflictError
   * when another version was recorded since `regulation.version - 1` was read.
   */
  record(regulation: Regulation, event: AuditEvent): Promise<void>;
}
