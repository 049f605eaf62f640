import { assertStatePayload, PayloadLimitError } from './payload-limits';

/**
 * Step Functions' States.DataLimitExceeded: a state's input or output over 256 KB. On AWS it is a
 * terminal error that neither Retry nor States.ALL can match, so it carries the flags that
 * aws-local-stepfunctions reads to skip Retry and Catch.
 */
export class StateDataLimitError extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;

  constructor(message: string) {
    super(message);
    this.name = 'States.DataLimitExceeded';
  }
}

/** The StateDataLimitError for a state payload over the limit, or undefined when within it. */
export function statePayloadViolation(stateName: string, direction: 'input' | 'output', value: unknown): StateDataLimitError | undefined {
  try {
    assertStatePayload(stateName, direction, value);
    return undefined;
  } catch (error) {
    if (error instanceof PayloadLimitError) return new StateDataLimitError(error.message);
    throw error;
  }
}
