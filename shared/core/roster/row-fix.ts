import type { RejectionReason } from './rejection-reasons';

/**
 * The reasons that editing the row cannot cure: the deduplication kept the person elsewhere (the
 * same file, a higher-priority segment, another payer). Importing such a row again would be
 * rejected again, so the console does not offer it for re-import unless the office asks.
 */
const KEPT_ELSEWHERE: ReadonlySet<RejectionReason> = new Set([
  'DUPLICATE_IN_FILE',
  'DUPLICATE_LOWER_PRIORITY_SEGMENT',
  'COVERED_BY_OTHER_REGULATION',
  'COVERED_BY_OTHER_PAYER',
]);

/** Whether a rejected row has something the office can fix in the row itself. */
export function fixableInRow(reasons: readonly string[]): boolean {
  return reasons.some((reason) => !KEPT_ELSEWHERE.has(reason as RejectionReason));
}
