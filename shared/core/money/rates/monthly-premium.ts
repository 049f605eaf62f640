import { z } from 'zod';

import type { IsoMonth } from '../../calendar/calendar';
import { InvalidInputError } from '../../errors';
import { type Payer, Program, type Segment } from '../../regulation/regulation';
import { formatRupiah } from '../rupiah';
import { basisPointsToPercent, BASIS_POINTS_PER_WHOLE, formatBasisPoints, shareOfRupiah } from './basis-points';
import type { DiscountEntry, RateEntry, RateSchedule } from './rate-schedule';
import { describePeriod, isInForce } from './validity-period';

export const PremiumLine = z.object({
  program: Program,
  base: z.number().int(),
  rate: z.string(),
  amount: z.number().int(),
  discount: z.object({ id: z.string(), percent: z.number(), amount: z.number().int() }).optional(),
}).meta({ id: 'PremiumLine' });
export const SegmentPremium = z.object({
  segment: z.string(),
  monthlyPremium: z.number().int(),
  lines: z.array(PremiumLine),
}).meta({ id: 'SegmentPremium' });

type PremiumLine = z.infer<typeof SegmentPremium>['lines'][number];
type Issue = { path: string; message: string };

/**
 * What one person in a segment costs per month under a regulation: one line per program the
 * regulation buys, each with the base, the rate in words, any discount, and the amount due.
 *
 * Rounding, in integers throughout: each line's premium is base × rate rounded half up to a
 * whole rupiah; a discount then applies to that line on its own, and the amount still due is
 * rounded half up (so a half rupiah is charged, not waived), the discount being the rest. The
 * segment's premium is the sum of its lines, so totals always add up to what the lines show.
 *
 * Throws InvalidInputError, naming every problem at once, when no rate is in force for a
 * program in that month or when a declared income lies outside the schedule's range.
 */
export function monthlyPremium(args: {
  regulation: { programs: readonly Program[]; payer: Payer };
  segment: Segment;
  month: IsoMonth;
  schedule: RateSchedule;
}): z.infer<typeof SegmentPremium> {
  const { regulation, segment, month, schedule } = args;
  const issues: Issue[] = [];
  const base = premiumBase(segment, month, schedule, issues);
  const lines: PremiumLine[] = [];
  for (const program of regulation.programs) {
    const rate = rateInForce(segment, program, month, schedule, issues);
    if (!rate) continue;
    const gross = rate.charge.type === 'share' ? shareOfRupiah(base, rate.charge.basisPoints) : rate.charge.rupiah;
    const discount = discountInForce(schedule.discounts, { program, segment, payer: regulation.payer, month });
    lines.push({ program, base, rate: describeCharge(rate, segment), ...applyDiscount(gross, discount) });
  }
  if (issues.length > 0) {
    throw new InvalidInputError(
      `Cannot price segment ${segment.code} for ${month}: ${issues.map((i) => i.message).join('; ')}`,
      issues,
    );
  }
  return {
    segment: segment.code,
    monthlyPremium: lines.reduce((sum, line) => sum + line.amount, 0),
    lines,
  };
}

/** The declared income (BPU) or wage (PU) the shares are taken of. */
function premiumBase(segment: Segment, month: IsoMonth, schedule: RateSchedule, issues: Issue[]): number {
  const basis = segment.premiumBasis;
  if (basis.type === 'wage') return basis.monthlyWage;
  const path = `segments.${segment.code}.premiumBasis.declaredIncome`;
  const limit = schedule.declaredIncomeLimits.find((l) => isInForce(l, month));
  if (!limit) {
    issues.push({ path, message: `no declared-income range is in force in ${month}` });
  } else if (basis.declaredIncome < limit.minRupiah || basis.declaredIncome > limit.maxRupiah) {
    issues.push({
      path,
      message:
        `declared income ${formatRupiah(basis.declaredIncome)} is outside ${formatRupiah(limit.minRupiah)}..` +
        `${formatRupiah(limit.maxRupiah)}, the range in force in ${month} (${limit.source}, ${describePeriod(limit)})`,
    });
  }
  return basis.declaredIncome;
}

function rateInForce(segment: Segment, program: Program, month: IsoMonth, schedule: RateSchedule, issues: Issue[]): RateEntry | undefined {
  // Only PU JKK is priced by risk group; the schedule's schema enforces the same rule.
  const riskGroup =
    segment.premiumBasis.type === 'wage' && program === 'JKK' ? segment.premiumBasis.jkkRiskGroup : undefined;
  const rate = schedule.rates.find(
    (r) => r.category === segment.category && r.program === program && r.riskGroup === riskGroup && isInForce(r, month),
  );
  if (!rate) {
    issues.push({
      path: `segments.${segment.code}.programs.${program}`,
      message: `no ${program} rate for category ${segment.category}${riskGroup ? `, risk group ${riskGroup}` : ''} is in force in ${month}`,
    });
  }
  return rate;
}

/** The schedule's schema guarantees at most one discount can match a line in a month. */
function discountInForce(
  discounts: readonly DiscountEntry[],
  line: { program: Program; segment: Segment; payer: Payer; month: IsoMonth },
): DiscountEntry | undefined {
  return discounts.find(({ conditions: c, ...period }) => {
    // A sector-restricted discount never applies to a segment whose sector is not recorded.
    const sectorMatches = !c.sectors || (line.segment.sector !== undefined && c.sectors.includes(line.segment.sector));
    return (
      isInForce(period, line.month) &&
      c.programs.includes(line.program) &&
      (!c.categories || c.categories.includes(line.segment.category)) &&
      sectorMatches &&
      !c.excludedPayers?.includes(line.payer)
    );
  });
}

function applyDiscount(gross: number, discount: DiscountEntry | undefined): Pick<PremiumLine, 'amount' | 'discount'> {
  if (!discount) return { amount: gross };
  const amount = shareOfRupiah(gross, BASIS_POINTS_PER_WHOLE - discount.basisPoints);
  return {
    amount,
    discount: { id: discount.id, percent: basisPointsToPercent(discount.basisPoints), amount: gross - amount },
  };
}

function describeCharge(rate: RateEntry, segment: Segment): string {
  if (rate.charge.type === 'flat') return `${formatRupiah(rate.charge.rupiah)} flat`;
  const base = segment.premiumBasis.type === 'wage' ? 'wage' : 'income';
  return `${formatBasisPoints(rate.charge.basisPoints)} of ${base}`;
}
