import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AwsJsonService } from './aws-json-service';
import { HTTP_API_BODY_LIMIT_BYTES } from './payload-limits';
import { readBody } from './read-body';

const AWS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';

/**
 * An AWS JSON 1.0 service (the local Step Functions) on its own loopback port, as its service
 * endpoint is on AWS: a POST whose `x-amz-target` names the operation. It is not served on the
 * HTTP API's port, because that port is the local API Gateway, and on AWS the API never answers
 * Step Functions calls; here, as on AWS, only the handlers (through AWS_ENDPOINT_URL_SFN) and
 * the local tooling reach it. Like every local server it listens on 127.0.0.1 only.
 */
export class LocalAwsJsonEndpoint {
  constructor(private readonly options: { service: AwsJsonService; log?: boolean }) {}

  readonly listener = (request: IncomingMessage, response: ServerResponse): void => {
    void this.respond(request, response);
  };

  private async respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = Date.now();
    const target = request.headers['x-amz-target'];
    const operation = typeof target === 'string' ? target : '';
    const { status, body } = await this.answer(request, operation);
    response
      .writeHead(status, { 'content-type': AWS_JSON_CONTENT_TYPE, 'x-amzn-requestid': randomUUID() })
      .end(JSON.stringify(body));
    if (this.options.log) {
      const time = new Date(started).toISOString().slice(11, 19);
      process.stdout.write(`${time} ${request.method} ${operation || '(no x-amz-target)'} ${status} ${Date.now() - started} ms\n`);
    }
  }

  private async answer(request: IncomingMessage, target: string): Promise<{ status: number; body: unknown }> {
    // A generous bound on what is read into memory; the service enforces its own input limits.
    const body = await readBody(request, HTTP_API_BODY_LIMIT_BYTES);
    if (!body) return { status: 413, body: { __type: 'RequestEntityTooLargeException', message: 'Request Entity Too Large' } };
    if (request.method !== 'POST' || !target) {
      return { status: 400, body: { __type: 'UnknownOperationException', message: 'Send a POST with an x-amz-target header naming the operation' } };
    }
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return { status: 400, body: { __type: 'SerializationException', message: 'The request body is not JSON' } };
    }
    try {
      return await this.options.service.handle(target, input);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`[local aws-json] ${target} failed: ${error instanceof Error ? error.stack : message}\n`);
      return { status: 500, body: { __type: 'InternalFailure', message } };
    }
  }
}
