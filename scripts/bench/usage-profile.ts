import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { UsageSnapshot } from '../../infra/local/usage-meter';
import { type FunctionTotals, type UsageProfile, UsageProfile as UsageProfileSchema, type UsageTotals } from '../../shared/documents/cost/usage-profile';

export interface UsageProfileMeta {
  /** What was measured, e.g. "enrollment run". */
  readonly workflow: string;
  /** The command that measured it, e.g. `npm run bench -- enroll --people 20000`. */
  readonly command: string;
  /** The run's wall time on the local stack. */
  readonly seconds?: number;
  readonly note?: string;
  /**
   * The same scenario measured with fewer people: with it, usage that does not grow with people
   * (plans, finishing steps, status polls) becomes `fixed` instead of being spread per person.
   */
  readonly baseline?: { readonly delta: UsageSnapshot; readonly people: number };
  /** Defaults: today (UTC) and the checked-out commit. */
  readonly date?: string;
  readonly gitCommit?: string;
}

/**
 * Turns what the local stack's meters counted over a run of `people` people (stack.usage()
 * before and after, subtracted with usageDelta) into the usage profile `lindung cost` estimates
 * from: usage per run and per person, the Map that spreads the work, and the hottest partition.
 */
export function usageProfile(delta: UsageSnapshot, people: number, meta: UsageProfileMeta): UsageProfile {
  if (!Number.isSafeInteger(people) || people < 1) throw new Error(`people must be a positive whole number, not ${people}`);
  const baseline = meta.baseline;
  if (baseline && !(Number.isSafeInteger(baseline.people) && baseline.people > 0 && baseline.people < people)) {
    throw new Error(`the baseline must have fewer people than the run (${baseline.people} is not less than ${people})`);
  }
  const split = <T extends Record<string, number>>(measured: T, atBaseline: T | undefined) =>
    splitUsage(measured, people, atBaseline && baseline ? { totals: atBaseline, people: baseline.people } : undefined);

  const totals = split(totalsOf(delta), baseline && totalsOf(baseline.delta));
  const map = mainMap(delta);
  const workflowFunctions = new Set(Object.values(delta.stateMachines).flatMap((machine) => machine.functions));
  const functions = Object.fromEntries(
    Object.entries(delta.functions)
      .filter(([, usage]) => usage.invocations > 0)
      .map(([id, usage]) => {
        const earlier = baseline?.delta.functions[id];
        const { fixed, scaling } = split(functionTotals(usage), earlier && functionTotals(earlier));
        const role = map?.functions.includes(id) ? 'map' : workflowFunctions.has(id) ? 'workflow' : 'api';
        return [id, { memoryMb: usage.memoryMb, role, fixed, scaling }];
      }),
  );
  const scalingPeople = baseline ? people - baseline.people : people;
  return UsageProfileSchema.parse({
    formatVersion: 1,
    workflow: meta.workflow,
    measured: {
      command: meta.command,
      people,
      ...(baseline ? { baselinePeople: baseline.people } : {}),
      date: meta.date ?? new Date().toISOString().slice(0, 10),
      gitCommit: meta.gitCommit ?? currentCommit(),
      ...(meta.seconds !== undefined ? { seconds: Math.round(meta.seconds * 10) / 10 } : {}),
      ...(meta.note ? { note: meta.note } : {}),
    },
    fixed: totals.fixed,
    scaling: { people: scalingPeople, totals: totals.scaling },
    perPerson: perPerson(totals.scaling, scalingPeople),
    functions,
    map: map && { stateMachine: map.stateMachine, state: map.state, iterations: map.iterations, maxConcurrency: map.maxConcurrency, distributed: map.distributed },
    hotPartition: hotPartition(delta, baseline, scalingPeople === people),
  });
}

/** Writes a profile as the checked-in JSON file `lindung cost` reads. */
export function writeUsageProfile(profile: UsageProfile, file: string): void {
  writeFileSync(file, `${JSON.stringify(UsageProfileSchema.parse(profile), null, 2)}\n`);
}

function totalsOf(delta: UsageSnapshot): UsageTotals {
  const sum = <T>(values: T[], pick: (value: T) => number) => values.reduce((total, value) => total + pick(value), 0);
  const functions = Object.values(delta.functions);
  const tables = Object.values(delta.tables);
  return {
    transitions: sum(Object.values(delta.stateMachines), (m) => m.transitions),
    lambdaInvocations: sum(functions, (f) => f.invocations),
    lambdaMegabyteMs: sum(functions, (f) => f.megabyteMs),
    readRequestUnits: sum(tables, (t) => t.readRequestUnits),
    writeRequestUnits: sum(tables, (t) => t.writeRequestUnits),
    httpApiRequests: delta.httpApi.meteredRequests,
    insurerRequests: sum(functions, (f) => f.outboundRequests),
  };
}

function functionTotals(usage: UsageSnapshot['functions'][string]): FunctionTotals {
  return { invocations: usage.invocations, billedMs: usage.billedMs, outboundRequests: usage.outboundRequests };
}

/**
 * Per-run and per-person parts of each count. With a baseline of P₁ people (counts T₁) and the
 * run of P₂ (T₂): per (P₂ − P₁) people T₂ − T₁, per run T₁ − (T₂ − T₁)·P₁/(P₂ − P₁), both kept
 * whole (read units: halves) and never negative. Without one, everything counts per person: an
 * estimate for more people than measured then overstates the per-run part a little.
 */
function splitUsage<T extends Record<string, number>>(
  measured: T,
  people: number,
  baseline: { totals: T; people: number } | undefined,
): { fixed: T; scaling: T } {
  const fixed: Record<string, number> = {};
  const scaling: Record<string, number> = {};
  for (const [key, value] of Object.entries(measured)) {
    // Read units may be halves (eventually consistent reads); everything else is whole.
    const step = key === 'readRequestUnits' ? 0.5 : 1;
    const round = (n: number) => Math.max(0, Math.round(n / step) * step);
    if (!baseline) {
      fixed[key] = 0;
      scaling[key] = value;
      continue;
    }
    const earlier = baseline.totals[key] ?? 0;
    const added = round(value - earlier);
    scaling[key] = added;
    fixed[key] = round(earlier - (added * baseline.people) / (people - baseline.people));
  }
  return { fixed: fixed as T, scaling: scaling as T };
}

function perPerson(totals: UsageTotals, people: number): UsageProfile['perPerson'] {
  const per = (n: number) => Number((n / people).toPrecision(4));
  return {
    transitions: per(totals.transitions),
    lambdaGbSeconds: per(totals.lambdaMegabyteMs / 1_024_000),
    lambdaInvocations: per(totals.lambdaInvocations),
    writeRequestUnits: per(totals.writeRequestUnits),
    readRequestUnits: per(totals.readRequestUnits),
    httpApiRequests: per(totals.httpApiRequests),
    insurerRequests: per(totals.insurerRequests),
  };
}

/** The Map with the most iterations in the run: the one that spreads its work. */
function mainMap(delta: UsageSnapshot) {
  const maps = Object.entries(delta.stateMachines).flatMap(([stateMachine, usage]) =>
    Object.entries(usage.maps).map(([state, map]) => ({ stateMachine, state, ...map })),
  );
  const used = maps.filter((map) => map.iterations > 0).sort((a, b) => b.iterations - a.iterations);
  return used[0];
}

/**
 * The partition key written most, with its write units per the profile's scaling people (the
 * baseline's share taken off when there is one, as for every other count).
 */
function hotPartition(delta: UsageSnapshot, baseline: UsageProfileMeta['baseline'], noBaseline: boolean): UsageProfile['hotPartition'] {
  const hottest = Object.entries(delta.tables)
    .flatMap(([table, usage]) => usage.hotPartitions.map((partition) => ({ table, ...partition })))
    .sort((a, b) => b.writeUnits - a.writeUnits)[0];
  if (!hottest) return null;
  const earlier = noBaseline ? 0 : (baseline?.delta.tables[hottest.table]?.hotPartitions.find((p) => p.key === hottest.key)?.writeUnits ?? 0);
  return { table: hottest.table, key: hottest.key, writeUnits: Math.max(0, hottest.writeUnits - earlier) };
}

function currentCommit(): string {
  return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).trim();
}
