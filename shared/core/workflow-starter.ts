/** The Step Functions workflows of the stack, by the name routes and handlers use. */
export type WorkflowName = 'rosterImport' | 'budgetProposal' | 'ceilingAllocation' | 'enrollmentRun' | 'renewal' | 'reconciliation';

/** Port: starting a Step Functions workflow. */
export interface WorkflowStarter {
  /**
   * Starts `workflow` under a deterministic execution name, so that a retried request starts no
   * second execution. Returns the execution's ARN, also when it had already been started.
   */
  start(workflow: WorkflowName, executionName: string, input: Record<string, unknown>): Promise<string>;
}
