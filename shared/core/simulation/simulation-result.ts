import { z } from 'zod';
import { IsoMonth } from '../calendar/calendar';
import { SegmentAllocation, SegmentBudget } from '../budget/proposal';

/** What one cohort of a scenario costs: the same figures as a real proposal from the same inputs. */
export const SimulatedCohort = z
  .object({
    cohort: z.enum(['original', 'perubahan']),
    startMonth: IsoMonth,
    segments: z.array(SegmentBudget),
    total: z.number().int(),
    totalHeadcount: z.number().int(),
  })
  .meta({ id: 'SimulatedCohort' });
export type SimulatedCohort = z.infer<typeof SimulatedCohort>;

/** What a ceiling funds of the roster's cohort, per segment, by the real ceiling rule. */
export const SimulatedCeiling = z
  .object({
    ceiling: z.number().int(),
    /** As a real decision's allocation, before its cut is settled (scenario-people.ts settles it for the person list). */
    segments: z.array(SegmentAllocation.omit({ lastFundedNik: true })),
    fundedHeadcount: z.number().int(),
    unfundedHeadcount: z.number().int(),
    amount: z.number().int(),
    /** What is left of the ceiling, too little for the next person in priority order. */
    unspent: z.number().int(),
  })
  .meta({ id: 'SimulatedCeiling' });
export type SimulatedCeiling = z.infer<typeof SimulatedCeiling>;

/** One month of the year: people covered and premiums due, per segment and in all. */
export const SimulatedMonth = z
  .object({
    month: IsoMonth,
    headcount: z.number().int(),
    amount: z.number().int(),
    segments: z.record(z.string(), z.object({ headcount: z.number().int(), amount: z.number().int() })),
  })
  .meta({ id: 'SimulatedMonth' });

/** How a segment's people differ from the regulation as it stands, and who ages out. */
export const SegmentMovement = z
  .object({
    segment: z.string(),
    name: z.string(),
    /** People the regulation as it stands would fund this year. */
    current: z.number().int(),
    /** People the scenario funds this year (all its cohorts, after any ceiling). */
    simulated: z.number().int(),
    added: z.number().int(),
    dropped: z.number().int(),
    /** People who pass the age window within the year, per month (January next year: at renewal). */
    agingOut: z.record(IsoMonth, z.number().int()),
  })
  .meta({ id: 'SegmentMovement' });
export type SegmentMovement = z.infer<typeof SegmentMovement>;

/** One year of a projection: everyone still within their age window on 1 January, grown as assumed. */
export const ProjectedYear = z
  .object({
    year: z.number().int(),
    segments: z.array(
      z.object({
        segment: z.string(),
        headcount: z.number().int(),
        amount: z.number().int(),
        /** People of the first year's cohort aged out by 1 January of this year. */
        agedOut: z.number().int(),
        /** People the segment's growth adds by this year. */
        grown: z.number().int(),
      }),
    ),
    months: z.number().int(),
    total: z.number().int(),
    totalHeadcount: z.number().int(),
    /** With a ceiling: what it funds of this year. */
    funded: z.number().int().optional(),
  })
  .meta({ id: 'ProjectedYear' });
export type ProjectedYear = z.infer<typeof ProjectedYear>;

/** What simulating a scenario gives. Read-only: nothing real is stored or changed. */
export const SimulationResult = z
  .object({
    scenarioId: z.string(),
    scenarioVersion: z.number().int().optional(),
    name: z.string(),
    regulationId: z.string(),
    year: z.number().int(),
    basis: z.object({ regulationVersion: z.number().int(), rosterVersion: z.number().int(), rateScheduleVersion: z.string() }),
    cohorts: z.array(SimulatedCohort),
    /** All cohorts of the year, before any ceiling. */
    total: z.number().int(),
    totalHeadcount: z.number().int(),
    ceiling: SimulatedCeiling.optional(),
    months: z.array(SimulatedMonth),
    movements: z.array(SegmentMovement),
    projection: z.array(ProjectedYear),
  })
  .meta({ id: 'SimulationResult' });
export type SimulationResult = z.infer<typeof SimulationResult>;
