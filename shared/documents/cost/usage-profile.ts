import { z } from 'zod';

/**
 * What a run of the design uses, measured on the local stack's meters (infra/local/usage-meter.ts)
 * and checked in as JSON (shared/documents/cost/enrollment-usage-profile.json) for `lindung cost`.
 *
 * Usage is `fixed` per run plus `scaling.totals` per `scaling.people` people, in whole units (or
 * half read units), so that an estimate for N people is integer arithmetic:
 * fixed + scaling.totals × N / scaling.people. Written by scripts/bench/usage-profile.ts.
 */

const Count = z.number().int().nonnegative();
/** Read units come in halves (eventually consistent reads of small items). */
const HalfUnits = z.number().nonnegative().refine((n) => Number.isInteger(n * 2), 'must be a multiple of 0.5');

export const UsageTotals = z.strictObject({
  /** Billed Step Functions state transitions (Standard). */
  transitions: Count,
  lambdaInvocations: Count,
  /** Σ billed milliseconds × MemorySize in MB; GB-seconds = lambdaMegabyteMs / 1,024,000. */
  lambdaMegabyteMs: Count,
  readRequestUnits: HalfUnits,
  /** Writes are billed in whole units. */
  writeRequestUnits: Count,
  /** HTTP API requests in 512 KB units. */
  httpApiRequests: Count,
  /** Requests to the insurer's partner API (a batch of up to 100 people each). */
  insurerRequests: Count,
});
export type UsageTotals = z.infer<typeof UsageTotals>;

const FunctionTotals = z.strictObject({ invocations: Count, billedMs: Count, outboundRequests: Count });
export type FunctionTotals = z.infer<typeof FunctionTotals>;

export const FunctionProfile = z.strictObject({
  memoryMb: Count,
  /**
   * `map`: a task of the run's Map iterations, its work spread over the Map's concurrency;
   * `workflow`: another task of a state machine, on the run's critical path; `api`: an HTTP
   * route's function (starting the run, polling it), beside it.
   */
  role: z.enum(['map', 'workflow', 'api']),
  fixed: FunctionTotals,
  scaling: FunctionTotals,
});
export type FunctionProfile = z.infer<typeof FunctionProfile>;

export const UsageProfile = z.strictObject({
  formatVersion: z.literal(1),
  /** What was measured, e.g. "enrollment run". */
  workflow: z.string().min(1),
  measured: z.strictObject({
    command: z.string().min(1),
    people: Count,
    /** A second, smaller run that separates per-run usage from per-person usage. */
    baselinePeople: Count.optional(),
    /** YYYY-MM-DD */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    gitCommit: z.string().min(7),
    /** Wall time of the measured run on the local stack. */
    seconds: z.number().nonnegative().optional(),
    note: z.string().optional(),
  }),
  fixed: UsageTotals,
  scaling: z.strictObject({ people: z.number().int().positive(), totals: UsageTotals }),
  /** scaling.totals / scaling.people, rounded, for people to read (estimates use the totals). */
  perPerson: z.strictObject({
    transitions: z.number(),
    lambdaGbSeconds: z.number(),
    lambdaInvocations: z.number(),
    writeRequestUnits: z.number(),
    readRequestUnits: z.number(),
    httpApiRequests: z.number(),
    insurerRequests: z.number(),
  }),
  /** Keyed by the function's logical id. */
  functions: z.record(z.string(), FunctionProfile),
  /** The Map that spreads the run's work (the one with the most iterations), as deployed. */
  map: z
    .strictObject({
      stateMachine: z.string(),
      state: z.string(),
      /** Iterations per run: one per NIK bucket, whatever the number of people. */
      iterations: Count,
      /** 0: unbounded. */
      maxConcurrency: Count,
      distributed: z.boolean(),
    })
    .nullable(),
  /** The partition key written most, and its write units per scaling.people people. */
  hotPartition: z.strictObject({ table: z.string(), key: z.string(), writeUnits: z.number().nonnegative() }).nullable(),
});
export type UsageProfile = z.infer<typeof UsageProfile>;
