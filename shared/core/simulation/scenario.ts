import { z } from 'zod';
import { IsoMonth } from '../calendar/calendar';
import { MAX_PROJECTION_YEARS } from './projection-limit';
import { Charge } from '../money/rates/rate-schedule';
import { Category, Eligibility, JkkRiskGroup, Program, RegulationId, Segment, SegmentCode } from '../regulation/regulation';

/**
 * A scenario: a named set of what-if changes against a regulation, its roster of a year and the
 * rate schedule, saved and versioned like a regulation but never applied to them. Simulating it
 * (simulate-scenario.ts) prices the changed regulation with the same rules as a real proposal.
 * Strict at every level, so a misspelt change is refused by name rather than silently ignored.
 */

const Rupiah = z.number().int('must be a whole number of rupiah').nonnegative();
const People = z.number().int('must be a whole number of people').nonnegative().max(10_000_000);

export const ScenarioId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by "-", e.g. tambah-petani-2028')
  .max(80);

/** What a scenario changes in one of the regulation's segments; anything absent stays as it is. */
export const SegmentChange = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    targetHeadcount: People.optional(),
    /** 1 is funded first under a ceiling. */
    priority: z.number().int().positive().optional(),
    /** The monthly income BPU premiums are a share of. */
    declaredIncome: Rupiah.min(1_000_000, 'must be at least Rp1,000,000, the lowest BPU bracket').optional(),
    /** The monthly wage PU premiums are a share of. */
    monthlyWage: Rupiah.positive().optional(),
    eligibility: Eligibility.optional(),
    /** People assumed instead of the roster's: the roster's age spread, scaled to this many. */
    people: People.optional(),
    /** Yearly growth of the segment in a projection, in percent (-100 to 1000, two decimals at most). */
    growthPercent: z
      .number()
      .min(-100)
      .max(1_000)
      .refine((percent) => Math.abs(percent * 100 - Math.round(percent * 100)) < 1e-6, 'must have at most two decimals')
      .optional(),
  })
  .meta({ id: 'SegmentChange' });
export type SegmentChange = z.infer<typeof SegmentChange>;

/** A segment the regulation does not have yet, with the people assumed for it (they have no roster, so no ages). */
export const NewSegment = Segment.safeExtend({ people: People, growthPercent: SegmentChange.shape.growthPercent }).meta({ id: 'NewSegment' });
export type NewSegment = z.infer<typeof NewSegment>;

/** People joining mid-year: an APBD-Perubahan cohort from its start month to December. */
export const ScenarioCohort = z
  .strictObject({
    startMonth: IsoMonth,
    /** People per segment code. */
    people: z.record(SegmentCode, People),
  })
  .meta({ id: 'ScenarioCohort' });
export type ScenarioCohort = z.infer<typeof ScenarioCohort>;

/** A new rate from a month on, in place of the schedule's for that category and program (and risk group). */
export const RateChange = z
  .strictObject({
    from: IsoMonth,
    category: Category,
    program: Program,
    riskGroup: JkkRiskGroup.optional(),
    charge: Charge,
  })
  .meta({ id: 'RateChange' });
export type RateChange = z.infer<typeof RateChange>;

const ScenarioFields = {
  id: ScenarioId,
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2_000).optional(),
  regulationId: RegulationId,
  /** The fiscal year simulated; its roster is the one counted. */
  year: z.number().int().min(2000).max(2100),
  /** When the roster's cover starts; absent, January (the original APBD). A later month prices a top-up cohort. */
  startMonth: IsoMonth.optional(),
  /** Changes per existing segment code. */
  segments: z.record(SegmentCode, SegmentChange).optional(),
  addSegments: z.array(NewSegment).max(50).optional(),
  removeSegments: z.array(SegmentCode).max(100).optional(),
  /** Every BPU segment's declared income, unless its own change says otherwise. */
  declaredIncome: SegmentChange.shape.declaredIncome,
  /** People joining later in the year. */
  cohorts: z.array(ScenarioCohort).max(11).optional(),
  /** The APBD ceiling (pagu) for the roster's cohort: who it funds follows the real ceiling rule. */
  ceiling: Rupiah.optional(),
  rateChanges: z.array(RateChange).max(20).optional(),
  /** Years to project, the scenario's year included (1 to 5; absent, 1). */
  projectionYears: z.number().int().min(1).max(MAX_PROJECTION_YEARS).optional(),
};

/** The scenario document a user saves (YAML or JSON). */
export const ScenarioInput = z
  .strictObject(ScenarioFields)
  .superRefine((scenario, ctx) => {
    const inYear = (month: string) => month.startsWith(`${scenario.year}-`);
    if (scenario.startMonth && !inYear(scenario.startMonth)) ctx.addIssue({ code: 'custom', path: ['startMonth'], message: `must be a month of ${scenario.year}` });
    scenario.cohorts?.forEach((cohort, index) => {
      if (!inYear(cohort.startMonth) || cohort.startMonth.endsWith('-01')) {
        ctx.addIssue({ code: 'custom', path: ['cohorts', index, 'startMonth'], message: `must be a month of ${scenario.year} after January` });
      }
    });
    const removed = new Set(scenario.removeSegments ?? []);
    for (const code of Object.keys(scenario.segments ?? {})) {
      if (removed.has(code)) ctx.addIssue({ code: 'custom', path: ['segments', code], message: `changes segment ${code}, which removeSegments removes` });
    }
  })
  .meta({ id: 'ScenarioInput' });
export type ScenarioInput = z.infer<typeof ScenarioInput>;

/** The first month of a scenario's roster cohort: January unless it says otherwise. */
export function scenarioStartMonth(scenario: Pick<ScenarioInput, 'year' | 'startMonth'>): IsoMonth {
  return scenario.startMonth ?? `${scenario.year}-01`;
}

/** A saved version of a scenario. Saving a changed document adds a version; none is overwritten. */
export const Scenario = z
  .object({ ...ScenarioFields, version: z.number().int().positive(), savedAt: z.string(), savedBy: z.string() })
  .meta({ id: 'Scenario' });
export type Scenario = ScenarioInput & { version: number; savedAt: string; savedBy: string };
