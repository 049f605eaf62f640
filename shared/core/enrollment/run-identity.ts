/**
 * An enrollment run's identity follows from its proposal: one approved proposal has one run, so
 * two admins clicking "start" at once, or one clicking twice, reach the same run. Each attempt
 * (the first, then one per retry of the failures) is one workflow execution with a name derived
 * from the run, so a repeated start of an attempt is refused by Step Functions as a duplicate.
 */
export function runIdOf(proposalId: string): string {
  return `run-${proposalId.replace(/^bp-/, '')}`;
}

export function attemptExecutionName(runId: string, attempt: number): string {
  return `${runId}-a${attempt}`;
}
