/**
 * The insurer (BPJS Ketenagakerjaan) as seen by Lindung: a port that registers people under a
 * regional government's collective account (wadah) and returns their KPJ membership numbers.
 *
 * Adapters: shared/adapters/insurer/http-insurer-client.ts (the partner HTTP API, in the cloud and
 * against the local simulator in infra/local/insurer-simulator.ts) and
 * shared/adapters/insurer/file-exchange-insurer.ts (the BPJS branch's member file, for
 * regulations whose insurerChannel is `file`). Failures are the errors of
 * ./insurer-errors.ts, whose names Step Functions Retry/Catch clauses match.
 */

export type InsurerProgram = 'JKK' | 'JKM' | 'JHT';

export interface Registration {
  /** 16-digit NIK. Personal data: never log or put it in a message unmasked (maskNik). */
  nik: string;
  name: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'L' | 'P';
  programs: InsurerProgram[];
  /** YYYY-MM-DD */
  coverageStart: string;
  /** YYYY-MM-DD */
  coverageEnd: string;
  /** The regional program's segment, e.g. "Ketua RT". */
  segment: string;
}

/**
 * Why the insurer did not register a person. The partner API answers REGISTERED_ELSEWHERE or
 * INVALID_DATA; the file channel answers REFUSED_BY_BRANCH (the branch's member file refused the
 * person, with its reason) or AWAITING_BRANCH (no member file has answered for the person yet).
 */
export const REJECTION_REASONS = ['REGISTERED_ELSEWHERE', 'INVALID_DATA', 'REFUSED_BY_BRANCH', 'AWAITING_BRANCH'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export type RegistrationResult =
  | { nik: string; outcome: 'registered'; /** 11 digits, opaque */ kpj: string; coverageStart: string; coverageEnd: string }
  | { nik: string; outcome: 'rejected'; reason: RejectionReason; message: string };

export interface RegisterBatchRequest {
  /** Collective account type code: SG, SA, SD, SB, SC (see shared/domain-reference.md). */
  wadahCode: string;
  /** The collective account number the Pemda holds with the insurer. */
  collectiveAccount: string;
  /**
   * Identifies this batch for retries: the same key with the same request returns the stored
   * result; the same key with a different request is refused. Derive it from the run and batch
   * (e.g. `${runId}:${batchIndex}`), never from the time.
   */
  idempotencyKey: string;
  /** At most maxBatchSize people. */
  people: Registration[];
}

export interface Insurer {
  /**
   * Registers up to maxBatchSize people under the collective account (wadah). Idempotent per
   * idempotencyKey. Returns one result per person, in the order given.
   * Throws InsurerThrottledError, InsurerUnavailableError (retry with the same key) or
   * InsurerRejectedRequestError (do not retry).
   */
  registerBatch(request: RegisterBatchRequest): Promise<RegistrationResult[]>;
  readonly maxBatchSize: number;
}

/** The partner API's documented batch limit. */
export const INSURER_MAX_BATCH_SIZE = 100;

/** KPJ numbers as issued: 11 digits (community convention; treat as opaque otherwise). */
export const KPJ_PATTERN = /^\d{11}$/;
