import { z } from 'zod';
import { IsoDate } from '../calendar/calendar';
import { isKnownRegionCode } from '../people/regions';
import { InsurerChannel } from './insurer-channel';
import { OnOtherPayer } from '../roster/other-payer';

/**
 * A regional regulation (Perwal, Perbup, Pergub, Perda) that obliges the region to pay BPJS
 * Ketenagakerjaan premiums for some groups of workers, and its segments: who is covered, on
 * which premium basis, and how many people are targeted. See shared/domain-reference.md.
 */

export const Program = z.enum(['JKK', 'JKM', 'JHT']);
export type Program = z.infer<typeof Program>;

export const Payer = z.enum(['APBD', 'APBN', 'APBDes', 'CSR']);
export type Payer = z.infer<typeof Payer>;

/** Collective-account (wadah) codes under which BPJS registers a payer's cohort. */
export const WadahCode = z.enum(['SG', 'SA', 'SD', 'SB', 'SC']);

export const LegalBasisType = z.enum(['Perwal', 'Perbup', 'Pergub', 'Perda']);

/**
 * An APBD expenditure account (kode rekening) as Permendagri 90/2019 numbers it down to the sub
 * rincian objek: akun `5` (belanja), kelompok, jenis, objek, rincian objek and sub rincian objek,
 * e.g. `5.1.02.01.01.0004`. Text with its dots and leading zeros, never a number.
 */
export const AccountCode = z
  .string()
  .trim()
  .regex(
    /^5\.\d\.\d{2}\.\d{2}\.\d{2}\.\d{4}$/,
    'must be an APBD expenditure account code (kode rekening) down to the sub rincian objek, e.g. 5.1.02.01.01.0004',
  );

/** BPU: non-wage (informal) workers; PU: wage earners with the region as employer. */
export const Category = z.enum(['BPU', 'PU']);
export type Category = z.infer<typeof Category>;

export const JkkRiskGroup = z.enum(['very-low', 'low', 'medium', 'high', 'very-high']);
export type JkkRiskGroup = z.infer<typeof JkkRiskGroup>;

const Rupiah = z.number().int('must be a whole number of rupiah').nonnegative();

/** BPU premiums are a share of a declared monthly income; Rp1,000,000 is the minimum bracket. */
export const DeclaredIncomeBasis = z.strictObject({
  type: z.literal('declared-income'),
  declaredIncome: Rupiah.min(1_000_000, 'must be at least Rp1,000,000, the lowest BPU bracket').default(1_000_000),
}).meta({ id: 'DeclaredIncomeBasis' });

/** PU premiums are a share of the monthly wage, with JKK depending on the job's risk group. */
export const WageBasis = z.strictObject({
  type: z.literal('wage'),
  monthlyWage: Rupiah.positive(),
  jkkRiskGroup: JkkRiskGroup,
}).meta({ id: 'WageBasis' });

export const PremiumBasis = z.discriminatedUnion('type', [DeclaredIncomeBasis, WageBasis]).meta({ id: 'PremiumBasis' });
export type PremiumBasis = z.infer<typeof PremiumBasis>;

export const Eligibility = z
  .strictObject({
    minAge: z.number().int().min(0).max(120),
    maxAge: z.number().int().min(0).max(120),
  })
  .refine((e) => e.minAge <= e.maxAge, { message: 'minAge must not exceed maxAge', path: ['maxAge'] })
  .meta({ id: 'Eligibility' });
export type Eligibility = z.infer<typeof Eligibility>;

export const SegmentCode = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/, 'must be 1-32 upper-case letters, digits, "_" or "-"');

export const Segment = z
  .strictObject({
    code: SegmentCode,
    name: z.string().trim().min(1).max(200),
    category: Category,
    premiumBasis: PremiumBasis,
    eligibility: Eligibility,
    targetHeadcount: z.number().int().nonnegative(),
    /** 1 is funded first when a budget ceiling does not cover everyone. */
    priority: z.number().int().positive(),
    /** Economic sector, when a rate discount depends on it (e.g. `transport` under PP 50/2025). */
    sector: z.string().trim().min(1).max(80).optional(),
  })
  .refine((s) => (s.category === 'BPU') === (s.premiumBasis.type === 'declared-income'), {
    message: 'BPU segments use a declared-income basis and PU segments a wage basis',
    path: ['premiumBasis', 'type'],
  })
  .meta({ id: 'Segment' });
export type Segment = z.infer<typeof Segment>;

/**
 * When Lindung proposes next year's budget to renew cover: a month and day (`MM-DD`, Asia/Jakarta)
 * between 1 July and 30 November. The APBD for a year is drafted (KUA/PPAS) in July–August and
 * approved by about 30 November, and the renewal must be decided before 31 December.
 */
export const RenewalSetting = z.strictObject({
  proposeOn: z
    .string()
    .regex(/^(0[7-9]|1[01])-(0[1-9]|[12]\d|3[01])$/, 'must be a day between 07-01 and 11-30, written MM-DD')
    .refine((day) => day !== '09-31' && day !== '11-31', 'is not a real calendar day'),
}).meta({ id: 'RenewalSetting' });
export type RenewalSetting = z.infer<typeof RenewalSetting>;

export const RegulationId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by "-", e.g. perwal-tangsel-25-2019')
  .max(80);

/**
 * The fields of the document an admin applies. Strict at every level: a misspelt key (`residence`
 * for `residency`) is refused by name rather than dropped, so a regulation never silently loses
 * a rule; every text has a maximum, so no field can outgrow a DynamoDB item.
 */
const RegulationFields = {
  id: RegulationId,
  title: z.string().trim().min(1).max(500),
  legalBasis: z.strictObject({
    type: LegalBasisType,
    number: z.string().trim().min(1).max(80),
    year: z.number().int().min(1945).max(2100),
  }),
  /**
   * The APBD account the premiums are paid from (kode rekening). The budget document prints it:
   * BPKAD files a budget under its account. Optional, as regions first applied regulations
   * without it; a budget document then leaves the line blank to be filled in by hand.
   */
  accountCode: AccountCode.optional(),
  jurisdiction: z
    .string()
    .regex(/^\d{2}(\d{2})?$/, 'must be a Kemendagri region code: 2 digits (province) or 4 (regency/city)')
    .refine(isKnownRegionCode, 'is not a Kemendagri province or regency/city code'),
  programs: z
    .array(Program)
    .nonempty()
    .refine((p) => p.includes('JKK') && p.includes('JKM'), 'must include at least JKK and JKM')
    .refine((p) => new Set(p).size === p.length, 'must not repeat a program'),
  payer: Payer,
  wadahCode: WadahCode,
  effectiveFrom: IsoDate,
  effectiveTo: IsoDate.optional(),
  segments: z.array(Segment).nonempty('a regulation needs at least one segment').max(100),
  /**
   * What a segment's targetHeadcount means to a budget: a quota (absent or `quota`: people over
   * it are listed apart, for finance to fund explicitly or not), or a figure the roster may
   * exceed (`allow`). See shared/core/budget/segment-quota.ts.
   */
  overTarget: z.enum(['quota', 'allow']).optional(),
  /** When the yearly renewal starts; see shared/core/renewal/renewal-setting.ts for the default. */
  renewal: RenewalSetting.optional(),
  /**
   * What a roster import does with a NIK registered outside the jurisdiction: `warn` (the
   * default when absent), `require` (reject the row) or `ignore`. See shared/core/roster/residency.ts.
   */
  residency: z.enum(['warn', 'require', 'ignore']).optional(),
  /**
   * How enrollment runs register people with BPJS Ketenagakerjaan: `api` (the default when
   * absent) through the partner API, or `file` through a registration file and the branch's
   * member file. See shared/core/regulation/insurer-channel.ts and docs/enrollment.md.
   */
  insurerChannel: InsurerChannel.optional(),
  /**
   * What a roster import tells this office about a person another payer (a province, a regency)
   * already covers that year: `reject` or `warn`; absent, reject for a regency or city and warn
   * for a province. Either way the person is covered once. See shared/core/roster/other-payer.ts.
   */
  onOtherPayer: OnOtherPayer.optional(),
};

/** The document an admin applies; the stored regulation adds a version and provenance. */
export const RegulationInput = z
  .strictObject(RegulationFields)
  .superRefine((r, ctx) => {
    if (r.effectiveTo && r.effectiveTo < r.effectiveFrom) {
      ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'must not be before effectiveFrom' });
    }
    reportRepeats(r.segments.map((s) => s.code), 'code', ctx);
    reportRepeats(r.segments.map((s) => s.priority), 'priority', ctx);
  })
  .meta({ id: 'RegulationInput' });
export type RegulationInput = z.infer<typeof RegulationInput>;

/** A stored version of a regulation. Amendments add versions; none is ever overwritten. */
export const Regulation = z.object({
  ...RegulationFields,
  version: z.number().int().positive(),
  recordedAt: z.string(),
  recordedBy: z.string(),
}).meta({ id: 'Regulation' });
export type Regulation = RegulationInput & { version: number; recordedAt: string; recordedBy: string };

function reportRepeats(values: readonly (string | number)[], field: string, ctx: z.RefinementCtx): void {
  const seen = new Map<string | number, number>();
  values.forEach((value, index) => {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else ctx.addIssue({ code: 'custom', path: ['segments', index, field], message: `repeats segment ${first}'s ${field} ${value}` });
  });
}
