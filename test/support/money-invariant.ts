import { readLocalAuthConfig } from '../../shared/runtime/local-auth/local-auth-config';
import { signLocalToken } from '../../shared/runtime/local-auth/local-token';

/**
 * The invariant every flow of the suite must keep (issue #18): an approved proposal whose run
 * finished with nobody refused or failed committed exactly what was approved, to the rupiah, once
 * what life events released is added back (a death or removal legitimately gives back the months
 * after cover ends, shared/core/enrollment/billed-months.ts): committed + released = approved. A
 * proposal that asked for people enrollment then skipped as already covered breaks it: the APBD
 * was asked for money that could never be spent.
 */
interface Run {
  runId: string;
  proposalId: string;
  status: string;
  counts: { failed: number; skipped: number };
  committedAmount: number;
  releasedAmount: number;
  approvedAmount: number;
}

export async function moneyInvariantViolations(apiUrl: string, dataDir: string): Promise<string[]> {
  const token = await signLocalToken(dataDir, { ...readLocalAuthConfig(dataDir)!, username: 'invariant-check', roles: ['auditor'], region: '3674' });
  const runs: Run[] = [];
  let cursor: string | undefined;
  do {
    // Every run, page by page (docs/api-errors.md#lists).
    const response = await fetch(`${apiUrl}/enrollment-runs?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET /enrollment-runs answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as { runs: Run[]; nextCursor?: string };
    runs.push(...page.runs);
    cursor = page.nextCursor;
  } while (cursor);
  return runs
    .filter((run) => run.status === 'completed' && run.counts.failed === 0 && run.committedAmount + run.releasedAmount !== run.approvedAmount)
    .map(
      (run) =>
        `${run.runId} (proposal ${run.proposalId}): committed ${run.committedAmount} + released ${run.releasedAmount} of ${run.approvedAmount} approved, ${run.counts.skipped} skipped as already covered`,
    );
}
