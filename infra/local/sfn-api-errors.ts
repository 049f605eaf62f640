/**
 * Errors of the Step Functions API, in the shape the AWS JSON 1.0 protocol carries them: the SDK
 * turns `__type` into the exception class (ExecutionDoesNotExist, InvalidArn, ...).
 */
export type SfnErrorType =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'InvalidArn'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidToken'
  | 'StateMachineDoesNotExist'
  | 'UnknownOperationException'
  | 'ValidationException'
  | 'ServiceUnavailable';

export interface SfnResponse {
  status: number;
  body: unknown;
}

export class SfnApiError extends Error {
  constructor(
    readonly type: SfnErrorType,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }

  toResponse(): SfnResponse {
    return { status: this.status, body: { __type: this.type, message: this.message } };
  }
}
