import { formatRupiah } from '../money/rupiah';
import { formatCount, formatPeople } from '../people/people-count';
import type { PageOutcome, ShardTally } from './page-tally';

const STATUS_WORDS = {
  completed: { id: 'selesai', en: 'completed' },
  'completed-with-failures': { id: 'selesai dengan kegagalan', en: 'completed with failures' },
} as const;

export interface RunOutcome {
  readonly runId: string;
  readonly attempt: number;
  readonly status: keyof typeof STATUS_WORDS;
  readonly tally: ShardTally;
  /** The run's pages at their newest outcome (runPages). */
  readonly pages: readonly PageOutcome[];
  /** The premiums of the people covered (the run's invoice total). */
  readonly premiums: number;
}

/**
 * The audit summary of an attempt's end, in Bahasa Indonesia then English: its counts, failure
 * reasons and premiums, and where its people are. A run can hold a million people, so the event
 * names none of them: it counts the ledger pages each segment was enrolled in and points to the
 * route that lists the run's entries (NIK, KPJ, reason) to those allowed to read them.
 *
 * `Pendaftaran run-2027-… selesai (percobaan 1): 13.124 orang terdaftar, 12 gagal (INVALID_DATA 12),
 * 0 sudah tercakup; iuran terikat Rp2.606.000.000; entri ledger di 28 halaman (KETUA_RT 27, MARBOT 1):
 * GET /enrollment-runs/run-2027-…/people / Enrollment run run-2027-… attempt 1 completed: …`
 */
export function runOutcomeSummary({ runId, attempt, status, tally, pages, premiums }: RunOutcome): string {
  const reasons = Object.entries(tally.failureReasons)
    .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
    .map(([reason, people]) => `${reason} ${formatCount(people)}`)
    .join(', ');
  const byReason = reasons ? ` (${reasons})` : '';
  const pagesPerSegment = new Map<string, number>();
  for (const page of pages) pagesPerSegment.set(page.segment, (pagesPerSegment.get(page.segment) ?? 0) + 1);
  const segments = [...pagesPerSegment].sort(([a], [b]) => a.localeCompare(b)).map(([segment, n]) => `${segment} ${formatCount(n)}`).join(', ');
  const perSegment = segments ? ` (${segments})` : '';
  const people = `GET /enrollment-runs/${runId}/people`;
  return (
    `Pendaftaran ${runId} ${STATUS_WORDS[status].id} (percobaan ${attempt}): ${formatPeople(tally.enrolled)} terdaftar, ${formatCount(tally.failed)} gagal${byReason}, ` +
    `${formatCount(tally.skipped)} sudah tercakup; iuran terikat ${formatRupiah(premiums)}; entri ledger di ${formatCount(pages.length)} halaman${perSegment}: ${people} / ` +
    `Enrollment run ${runId} attempt ${attempt} ${STATUS_WORDS[status].en}: ${formatCount(tally.enrolled)} enrolled, ${formatCount(tally.failed)} failed${byReason}, ` +
    `${formatCount(tally.skipped)} already covered; premiums ${formatRupiah(premiums)}; ledger entries in ${formatCount(pages.length)} pages${perSegment}: ${people}`
  );
}
