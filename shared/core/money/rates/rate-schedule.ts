import { createHash } from 'node:crypto';
import { z } from 'zod';
import scheduleJson from './rate-schedule.json';
import { Category, JkkRiskGroup, Payer, Program } from '../../regulation/regulation';
import { BASIS_POINTS_PER_WHOLE } from './basis-points';
import { canonicalJson } from '../../../lib/canonical-json';
import { describePeriod, periodsOverlap, ValidityPeriod } from './validity-period';

/**
 * Effective-dated BPJS Ketenagakerjaan contribution rates and discounts
 * (shared/core/money/rates/rate-schedule.json). Rates change by regulation, so they are data with a
 * validity period and a source, never constants in code. Objects are strict: a misspelt
 * `validTo` would otherwise be dropped silently and leave a discount open-ended.
 */

const Rupiah = z.number().int().nonnegative();
const BasisPoints = z.number().int().min(0).max(BASIS_POINTS_PER_WHOLE);
const EntryId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by "-"');

/** Where an entry comes from; `uncertain` plus `note` record what the sources did not settle. */
const Provenance = {
  id: EntryId,
  source: z.string().trim().min(1),
  uncertain: z.boolean().optional(),
  note: z.string().trim().min(1).optional(),
};

/** A premium is either a share of the base (declared income or wage) or a flat monthly amount. */
export const Charge = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('share'), basisPoints: BasisPoints }),
  z.strictObject({ type: z.literal('flat'), rupiah: Rupiah }),
]);
export type Charge = z.infer<typeof Charge>;

export const RateEntry = z
  .strictObject({
    ...Provenance,
    ...ValidityPeriod.shape,
    category: Category,
    program: Program,
    /** Only PU JKK depends on the job's risk group. */
    riskGroup: JkkRiskGroup.optional(),
    charge: Charge,
  })
  .superRefine((rate, ctx) => {
    const needsRiskGroup = rate.category === 'PU' && rate.program === 'JKK';
    if (needsRiskGroup && !rate.riskGroup) {
      ctx.addIssue({ code: 'custom', path: ['riskGroup'], message: 'PU JKK rates need a risk group' });
    }
    if (!needsRiskGroup && rate.riskGroup) {
      ctx.addIssue({ code: 'custom', path: ['riskGroup'], message: 'only PU JKK rates have a risk group' });
    }
  });
export type RateEntry = z.infer<typeof RateEntry>;

/** The range a BPU participant may declare as monthly income (the JKK base). */
export const DeclaredIncomeLimit = z
  .strictObject({
    ...Provenance,
    ...ValidityPeriod.shape,
    minRupiah: Rupiah,
    maxRupiah: Rupiah,
  })
  .refine((limit) => limit.minRupiah <= limit.maxRupiah, { path: ['maxRupiah'], message: 'must not be below minRupiah' });
export type DeclaredIncomeLimit = z.infer<typeof DeclaredIncomeLimit>;

/**
 * Who a discount applies to. An absent list means "no restriction on this dimension"; payers are
 * listed by exclusion because that is how PP 50/2025 words it (not for APBN/APBD-paid participants).
 */
export const DiscountConditions = z.strictObject({
  programs: z.array(Program).nonempty(),
  categories: z.array(Category).nonempty().optional(),
  sectors: z.array(z.string().trim().min(1)).nonempty().optional(),
  excludedPayers: z.array(Payer).nonempty().optional(),
});
export type DiscountConditions = z.infer<typeof DiscountConditions>;

export const DiscountEntry = z.strictObject({
  ...Provenance,
  ...ValidityPeriod.shape,
  /** Share of the line's premium waived: 9900 bp = 99% off. */
  basisPoints: BasisPoints.positive(),
  conditions: DiscountConditions,
});
export type DiscountEntry = z.infer<typeof DiscountEntry>;

export const RateScheduleFile = z
  .strictObject({
    rates: z.array(RateEntry),
    declaredIncomeLimits: z.array(DeclaredIncomeLimit),
    discounts: z.array(DiscountEntry),
  })
  .superRefine((schedule, ctx) => {
    const entries = [...schedule.rates, ...schedule.declaredIncomeLimits, ...schedule.discounts];
    for (const [list, items] of Object.entries(schedule)) {
      items.forEach((item, index) => {
        if (item.validTo !== undefined && item.validTo < item.validFrom) {
          ctx.addIssue({ code: 'custom', path: [list, index, 'validTo'], message: `must not be before validFrom ${item.validFrom}` });
        }
      });
    }
    reportRepeatedIds(entries.map((e) => e.id), ctx);
    // At most one rate may answer "what is the rate for this category, program and risk group
    // in this month?", and at most one income range and one discount may apply to a line.
    reportOverlaps(schedule.rates, 'rates', (a, b) => rateKey(a) === rateKey(b), ctx);
    reportOverlaps(schedule.declaredIncomeLimits, 'declaredIncomeLimits', () => true, ctx);
    reportOverlaps(schedule.discounts, 'discounts', (a, b) => mayApplyToSameLine(a.conditions, b.conditions), ctx);
  });
export type RateScheduleFile = z.infer<typeof RateScheduleFile>;

/** A validated schedule and the version that identifies its contents. */
export type RateSchedule = RateScheduleFile & { readonly version: string };

/**
 * Validates a schedule and stamps its version. A schedule that fails is a defect in shipped
 * reference data, so the ZodError is left to surface as a bug rather than as bad user input.
 */
export function parseRateSchedule(raw: unknown): RateSchedule {
  const schedule = RateScheduleFile.parse(raw);
  return { ...schedule, version: rateScheduleVersion(schedule) };
}

let loaded: RateSchedule | undefined;

/** The schedule shipped in shared/core/money/rates/rate-schedule.json, validated on first use only. */
export function loadRateSchedule(): RateSchedule {
  loaded ??= parseRateSchedule(scheduleJson);
  return loaded;
}

/**
 * `rates-` and the first 12 hex digits of a SHA-256 over the schedule's canonical JSON. Budget
 * decisions record it so a figure can be traced to the exact rates it was computed with. Entries
 * are hashed in id order, so moving an entry within the file does not make a new version;
 * changing any value, note or source does.
 */
export function rateScheduleVersion(schedule: RateScheduleFile): string {
  const byId = <T extends { id: string }>(items: readonly T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const canonical = canonicalJson({
    rates: byId(schedule.rates),
    declaredIncomeLimits: byId(schedule.declaredIncomeLimits),
    discounts: byId(schedule.discounts),
  });
  return `rates-${createHash('sha256').update(canonical).digest('hex').slice(0, 12)}`;
}

function rateKey(rate: RateEntry): string {
  return `${rate.category}/${rate.program}/${rate.riskGroup ?? '-'}`;
}

/** True unless some dimension of the conditions rules out a participant matching both. */
function mayApplyToSameLine(a: DiscountConditions, b: DiscountConditions): boolean {
  const intersects = <T>(x: readonly T[] | undefined, y: readonly T[] | undefined) =>
    x === undefined || y === undefined || x.some((v) => y.includes(v));
  const admittedPayers = (c: DiscountConditions) => Payer.options.filter((p) => !c.excludedPayers?.includes(p));
  return (
    intersects(a.programs, b.programs) &&
    intersects(a.categories, b.categories) &&
    intersects(a.sectors, b.sectors) &&
    intersects(admittedPayers(a), admittedPayers(b))
  );
}

function reportOverlaps<T extends ValidityPeriod & { id: string }>(
  items: readonly T[],
  list: string,
  sameSubject: (a: T, b: T) => boolean,
  ctx: z.RefinementCtx,
): void {
  items.forEach((b, j) => {
    items.slice(0, j).forEach((a) => {
      if (sameSubject(a, b) && periodsOverlap(a, b)) {
        ctx.addIssue({
          code: 'custom',
          path: [list, j, 'validFrom'],
          message: `${b.id} (${describePeriod(b)}) overlaps ${a.id} (${describePeriod(a)})`,
        });
      }
    });
  });
}

function reportRepeatedIds(ids: readonly string[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [], message: `id ${id} is used more than once` });
    seen.add(id);
  }
}
