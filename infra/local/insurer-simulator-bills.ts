import { createHash } from 'node:crypto';
import { lastDayOf } from '../../shared/core/calendar/calendar';
import type { InsurerProgram } from '../../shared/core/enrollment/insurer-port';
import { monthlyPremium } from '../../shared/core/money/rates/monthly-premium';
import { loadRateSchedule } from '../../shared/core/money/rates/rate-schedule';
import { parseNik } from '../../shared/core/people/nik';
import type { Segment } from '../../shared/core/regulation/regulation';
import type { BillHeader, BillLine } from '../../shared/core/remittance/insurer-bill';
import { seededRandom } from '../../shared/lib/seeded-random';

/**
 * The simulated insurer's monthly bill of a collective account: one line per member whose
 * coverage includes the month (a month is billed whole, as billed-months.ts says), in the
 * insurer's order (KPJ), and a header whose control figures add up to the lines. It answers
 * `GET /v1/collective-accounts/{account}/bills/{YYYY-MM}` (insurer-simulator.ts).
 *
 * Realistic faults can be planted: the file always adds up, its content is what is wrong.
 *
 * The simulator keeps only a member's latest coverage (registering again under the same account
 * replaces the dates), so after a renewal a month of the year before is no longer billed.
 */

/** What the simulator keeps of a member that a bill needs. */
export interface BilledMember {
  readonly kpj: string;
  readonly collectiveAccount: string;
  readonly name: string;
  readonly programs: readonly InsurerProgram[];
  readonly coverageStart: string;
  readonly coverageEnd: string;
  readonly segment: string;
}

/** How many people each fault touches; the people are picked from the seed, account and month. */
export interface BillFaults {
  /** Covered members left off the bill. */
  missing?: number;
  /** Made-up people billed who never enrolled: valid NIKs (parseNik accepts them) no member has. */
  neverEnrolled?: number;
  /** Covered members billed a different amount than the premium. */
  wrongAmount?: number;
  /** Covered members billed on two lines. */
  duplicate?: number;
}

export interface MonthlyBill {
  readonly header: BillHeader;
  /** The lines in file order; each call yields them afresh, so they are never all held. */
  lines(): Generator<BillLine>;
}

const FAULT_NAMES: readonly (keyof BillFaults)[] = ['missing', 'neverEnrolled', 'wrongAmount', 'duplicate'];

/**
 * The premium the insurer computes itself: the partner API is not told a member's declared
 * income, so the simulator assumes the lowest BPU basis, Rp1,000,000 (the regulation default),
 * with the member's programs, paid from the APBD, at the rates in force in the month
 * (monthlyPremium). A regulation whose segment declares a higher income is therefore billed
 * less than Lindung expects: an "amount differs" that is the simulator's simplification.
 */
const LOWEST_BPU_SEGMENT: Segment = {
  code: 'BPU',
  name: 'Bukan Penerima Upah',
  category: 'BPU',
  premiumBasis: { type: 'declared-income', declaredIncome: 1_000_000 },
  eligibility: { minAge: 0, maxAge: 120 },
  targetHeadcount: 0,
  priority: 1,
};

/** Made-up people's KPJs start with 19: the simulator issues them from 10000000001 (KPJ_BASE), so they never meet a member's. */
const MADE_UP_KPJ_PREFIX = '19';
const MADE_UP_NAMES = ['Siti Rahmawati', 'Agus Setiawan', 'Dewi Lestari', 'Bambang Sutrisno', 'Nur Hidayah', 'Joko Santoso', 'Rina Marlina', 'Hendra Gunawan'];
/** Where a made-up NIK is registered when the account has no member to borrow a district from: Kota Tangerang Selatan. */
const DEFAULT_DISTRICT = '367401';

export function monthlyBill(
  members: Readonly<Record<string, BilledMember>>,
  request: { account: string; month: string; faults: BillFaults; seed: number },
): MonthlyBill {
  const { account, month, faults } = request;
  const from = `${month}-01`;
  const to = lastDayOf(month);
  const covered = Object.entries(members)
    .filter(([, member]) => member.collectiveAccount === account && member.coverageStart <= to && member.coverageEnd >= from)
    .sort(([, a], [, b]) => compare(a.kpj, b.kpj));
  const random = seededRandom(request.seed ^ hash32(`${account}\n${month}`));
  const planted = plantFaults(covered.length, faults, random);
  const madeUp = madeUpLines(covered, members, faults.neverEnrolled ?? 0, month, random);
  const premiums = new Map<string, number>();
  const premium = (programs: readonly InsurerProgram[]): number => {
    const key = [...programs].sort().join('+');
    let amount = premiums.get(key);
    if (amount === undefined) {
      amount = monthlyPremium({ regulation: { programs, payer: 'APBD' }, segment: LOWEST_BPU_SEGMENT, month, schedule: loadRateSchedule() }).monthlyPremium;
      premiums.set(key, amount);
    }
    return amount;
  };

  function* lines(): Generator<BillLine> {
    let line = 0;
    let next = 0;
    const numbered = (fields: Omit<BillLine, 'line'>): BillLine => ({ line: ++line, ...fields });
    const madeUpLine = () => numbered({ ...madeUp[next++]!, amount: premium(['JKK', 'JKM']) });
    for (let i = 0; i < covered.length; i++) {
      const [nik, member] = covered[i]!;
      // Made-up people slot in by KPJ, as the insurer sorts its file.
      while (next < madeUp.length && compare(madeUp[next]!.kpj, member.kpj) < 0) yield madeUpLine();
      if (planted.missing.has(i)) continue;
      const fields = { kpj: member.kpj, nik, name: member.name, segment: member.segment, month, amount: premium(member.programs) + (planted.wrongAmount.get(i) ?? 0) };
      yield numbered(fields);
      if (planted.duplicate.has(i)) yield numbered(fields);
    }
    while (next < madeUp.length) yield madeUpLine();
  }

  let controlCount = 0;
  let controlTotal = 0;
  for (const bill of lines()) {
    controlCount++;
    controlTotal += bill.amount;
  }
  return { header: { kodeIuran: kodeIuran(account, month), month, controlCount, controlTotal }, lines };
}

/**
 * Parses the `faults` query of the bill route: `missing:1,neverEnrolled:1,wrongAmount:1,duplicate:1`,
 * each a count of people. Empty means none. Throws with a readable message on anything else.
 */
export function parseBillFaults(text: string | undefined): BillFaults {
  const faults: BillFaults = {};
  if (!text?.trim()) return faults;
  for (const part of text.split(',')) {
    const [name, count, ...rest] = part.split(':').map((s) => s.trim());
    const fault = FAULT_NAMES.find((known) => known === name);
    if (!fault || rest.length > 0 || !/^\d{1,6}$/.test(count ?? '')) {
      throw new Error(`faults: "${part.trim()}" is not <${FAULT_NAMES.join('|')}>:<number of people>, e.g. missing:1,neverEnrolled:1,wrongAmount:1`);
    }
    faults[fault] = (faults[fault] ?? 0) + Number(count);
  }
  return faults;
}

/** 11 digits from the account and month, the same on every request. */
function kodeIuran(account: string, month: string): string {
  const hex = createHash('sha256').update(`kode-iuran\n${account}\n${month}`).digest('hex');
  return (BigInt(`0x${hex.slice(0, 15)}`) % 100_000_000_000n).toString().padStart(11, '0');
}

interface PlantedFaults {
  readonly missing: ReadonlySet<number>;
  /** How much too much each is billed. */
  readonly wrongAmount: ReadonlyMap<number, number>;
  readonly duplicate: ReadonlySet<number>;
}

/** Picks distinct covered members (by position) for each fault, as many as there are. */
function plantFaults(members: number, faults: BillFaults, random: () => number): PlantedFaults {
  const wanted = (faults.missing ?? 0) + (faults.wrongAmount ?? 0) + (faults.duplicate ?? 0);
  const picked = pickDistinct(members, Math.min(wanted, members), random);
  const missing = picked.splice(0, faults.missing ?? 0);
  const wrong = picked.splice(0, faults.wrongAmount ?? 0);
  return {
    missing: new Set(missing),
    // Rp1,000 to Rp9,000 too much: a different bracket or a stale rate, never the right premium.
    wrongAmount: new Map(wrong.map((i) => [i, 1_000 * (1 + Math.floor(random() * 9))])),
    duplicate: new Set(picked),
  };
}

/** `count` of 0..n-1 in random order: a partial Fisher–Yates shuffle. */
function pickDistinct(n: number, count: number, random: () => number): number[] {
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (n - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return Array.from(order.subarray(0, count));
}

type MadeUpPerson = Omit<BillLine, 'line' | 'amount' | 'kpj'> & { kpj: string };

/**
 * People the bill names who never enrolled: NIKs of a member's district (so they look local)
 * with a random birth date and serial that parseNik accepts and no member holds. Every part is
 * valid by construction (a known district, a day up to 28, a serial from 0001), so only a NIK
 * drawn twice or held by a member is drawn again.
 */
function madeUpLines(
  covered: readonly [string, BilledMember][],
  members: Readonly<Record<string, BilledMember>>,
  count: number,
  month: string,
  random: () => number,
): MadeUpPerson[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const niks = new Set<string>();
  const people: MadeUpPerson[] = [];
  const referenceDate = lastDayOf(month);
  while (people.length < count) {
    const model = covered.length > 0 ? pick(covered) : undefined;
    const district = model && parseNik(model[0], { numericCell: false, referenceDate }).ok ? model[0].slice(0, 6) : DEFAULT_DISTRICT;
    const day = 1 + Math.floor(random() * 28) + (random() < 0.5 ? 40 : 0);
    const nik =
      district +
      digits(day, 2) +
      digits(1 + Math.floor(random() * 12), 2) +
      digits(60 + Math.floor(random() * 40), 2) +
      digits(1 + Math.floor(random() * 9999), 4);
    if (niks.has(nik) || members[nik] || !parseNik(nik, { numericCell: false, referenceDate }).ok) continue;
    niks.add(nik);
    people.push({
      kpj: MADE_UP_KPJ_PREFIX + digits(Math.floor(random() * 1_000_000_000), 9),
      nik,
      name: pick(MADE_UP_NAMES),
      segment: model?.[1].segment ?? 'BPU',
      month,
    });
  }
  return people.sort((a, b) => compare(a.kpj, b.kpj));
}

function digits(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** FNV-1a: mixes the account and month into the seed, so each bill has its own faults. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
