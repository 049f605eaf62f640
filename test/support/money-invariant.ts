import { readLocalAuthConfig, signLocalToken } from '../../infra/local/local-auth';

/**
 * The invariant every flow of the suite must keep (issue #18): an approved proposal whose run
 * finished with nobody refused or failed committed exactly what was approved, to the rupiah, once
 * what life events released is added back (a death or removal legitimately gives back the months
 * after cover ends, shared/enrollment/billed-months.ts): committed + released = approved. A
 * proposal that asked for people enrollment then skipped as already covered breaks it: the APBD
 * was asked for money that could never be spent.
 */
export async function moneyInvariantViolations(apiUrl: string, dataDir: string): Promise<string[]> {
  const token = await signLocalToken(dataDir, { ...readLocalAuthConfig(dataDir)!, username: 'invariant-check', roles: ['auditor'] });
  const response = await fetch(`${apiUrl}/enrollment-runs`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /enrollment-runs answered ${response.status}: ${await response.text()}`);
  const { runs } = (await response.json()) as { runs: { runId: string; proposalId: string; status: string; counts: { failed: number; skipped: number }; committedAmount: number; releasedAmount: number; approvedAmount: number }[] };
  return runs
    .filter((run) => run.status === 'completed' && run.counts.failed === 0 && run.committedAmount + run.releasedAmount !== run.approvedAmount)
    .map(
      (run) =>
        `${run.runId} (proposal ${run.proposalId}): committed ${run.committedAmount} + released ${run.releasedAmount} of ${run.approvedAmount} approved, ${run.counts.skipped} skipped as already covered`,
    );
}
