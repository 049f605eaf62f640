/**
 * An AWS service spoken to in the AWS JSON 1.0 protocol (a POST whose `x-amz-target` header names
 * the operation), such as the local Step Functions. `target` is the whole header value, e.g.
 * `AWSStepFunctions.StartExecution`; the answer's body is sent as JSON.
 */
export interface AwsJsonService {
  handle(target: string, body: unknown): Promise<{ status: number; body: unknown }>;
}
