/**
 * AWS limits that break designs at scale. The local stack enforces them so that a design that
 * only works locally fails here first, with the name of the function or state at fault.
 */
export const LAMBDA_PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024;
export const STATE_PAYLOAD_LIMIT_BYTES = 256 * 1024;
export const HTTP_API_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

export class PayloadLimitError extends Error {
  constructor(
    readonly errorName: 'Lambda.PayloadTooLarge' | 'States.DataLimitExceeded',
    /** Which way the oversize payload was going: into the function or state, or out of it. */
    readonly direction: 'request' | 'response' | 'input' | 'output',
    message: string,
  ) {
    super(message);
    this.name = errorName;
  }
}

export function jsonSize(value: unknown): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value), 'utf8');
}

export function assertLambdaPayload(functionName: string, direction: 'request' | 'response', value: unknown): void {
  const size = jsonSize(value);
  if (size > LAMBDA_PAYLOAD_LIMIT_BYTES) {
    throw new PayloadLimitError(
      'Lambda.PayloadTooLarge',
      direction,
      `The ${direction} payload of function ${functionName} is ${formatBytes(size)}, over Lambda's 6 MB limit. ` +
        'Pass a reference (a key or a shard descriptor) instead of the data itself.',
    );
  }
}

export function assertStatePayload(stateName: string, direction: 'input' | 'output', value: unknown): void {
  const size = jsonSize(value);
  if (size > STATE_PAYLOAD_LIMIT_BYTES) {
    throw new PayloadLimitError(
      'States.DataLimitExceeded',
      direction,
      `The ${direction} of state ${stateName} is ${formatBytes(size)}, over Step Functions' 256 KB limit. ` +
        'Keep large data in DynamoDB and pass keys between states.',
    );
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}
