import type { WorkflowName } from '../api/route-spec';

/** Port: starting a Step Functions workflow. */
export interface WorkflowStarter {
  /**
   * Starts `workflow` under a deterministic execution name, so that a retried request starts no
   * second execution. Returns the execution's ARN, also when it had already been started.
   */
  start(workflow: WorkflowName, executionName: string, input: Record<string, unknown>): Promise<string>;
}
