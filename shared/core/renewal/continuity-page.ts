import type { ContinuityGap, ContinuityPage } from './renewal';
import { jakartaDate } from '../calendar/jakarta-date';
import type { CoverLedger } from './cover-ledger';

/** People checked per page: one BatchGet of their cover in the year and of their lapses each. */
const PAGE = 500;

/**
 * One page of the continuity report: of the people a regulation covered in the year before, in
 * one NIK bucket, who had a gap in cover from 1 January, and why. Cover continues when the person
 * is enrolled in the year (under any regulation) from 1 January. Otherwise it resumed late
 * (`late-enrollment`: cover starts when it is registered, however early its nominal start), or
 * not at all, with the lapse reason the renewal recorded, the life event that ended it, or
 * `not-renewed` when no renewal closed. The gap is counted in days of the year without cover.
 */
export async function continuityPage(
  cover: CoverLedger,
  query: { regulationId: string; year: number; bucket: number; after?: string },
): Promise<ContinuityPage> {
  const { regulationId, year, bucket } = query;
  const page = await cover.coveredPage(regulationId, year - 1, bucket, query.after, PAGE);
  const niks = page.entries.map((entry) => entry.nik);
  const [next, lapses] =
    niks.length > 0
      ? await Promise.all([cover.cover(year, niks), cover.listed({ regulationId, year, attempt: 0, kind: 'lapsed', bucket }, niks)])
      : [new Map(), new Map()];
  const yearStart = `${year}-01-01`;
  const lastYearEnd = `${year - 1}-12-31`;
  const gaps: ContinuityGap[] = [];
  for (const covered of page.entries) {
    const coveredUntil = covered.coverageEnd ?? lastYearEnd;
    const person = { nik: covered.nik, name: covered.name, segment: covered.segment, coveredUntil };
    const resumed = next.get(covered.nik);
    if (resumed?.status === 'enrolled' && resumed.coverageStart) {
      const registered = jakartaDate(new Date(resumed.updatedAt));
      const from = registered > resumed.coverageStart ? registered : resumed.coverageStart;
      if (from <= yearStart && coveredUntil >= lastYearEnd) continue;
      const lastCovered = coveredUntil < lastYearEnd ? lastYearEnd : coveredUntil;
      gaps.push({ ...person, reason: 'late-enrollment', coveredAgainFrom: from, gapDays: daysBetween(lastCovered, from) - 1 });
      continue;
    }
    const reason = lapses.get(covered.nik)?.reason ?? covered.endReason ?? 'not-renewed';
    gaps.push({ ...person, reason, gapDays: reason === 'deceased' ? 0 : daysBetween(lastYearEnd, `${year}-12-31`) });
  }
  return {
    regulationId,
    year,
    bucket,
    checked: page.entries.length,
    gaps,
    ...(page.more && niks.length > 0 ? { after: niks.at(-1)! } : {}),
  };
}

/** Whole days from one date to a later one. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
