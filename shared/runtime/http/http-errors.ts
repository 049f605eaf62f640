import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, InvalidInputError } from '../../core/errors';
import { logger } from '../observability/powertools';
import { type ProblemField, type ProblemInstance, problemResponse } from './problem-details';

/** The request carried no valid identity. API Gateway normally answers this before the handler. */
export class UnauthenticatedError extends Error {
  constructor() {
    super('Sign in first: send a valid token as "Authorization: Bearer <token>" (locally: npx lindung login).');
  }
}

/** The body is over the route's limit (RouteSpec.maxBodyBytes); refused before it is parsed. */
export class PayloadTooLargeError extends DomainError {
  readonly issues: readonly ProblemField[];

  constructor(message: string, limitBytes: number) {
    super('PAYLOAD_TOO_LARGE', message);
    this.issues = [{ path: '(body)', message: `must be at most ${limitBytes.toLocaleString('en')} bytes` }];
  }
}

const STATUS_BY_CODE: Record<string, number> = {
  INVALID_INPUT: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PRECONDITION_REQUIRED: 428,
  PAYLOAD_TOO_LARGE: 413,
};

/**
 * Maps an error to the problem the caller sees. Domain errors keep their message (it tells the
 * caller what to do next); anything else is a bug, logged in full and answered without detail.
 */
export function errorResponse(error: unknown, instance: ProblemInstance): APIGatewayProxyStructuredResultV2 {
  if (error instanceof UnauthenticatedError) {
    return problemResponse({ code: 'UNAUTHENTICATED', status: 401, detail: error.message }, instance);
  }
  if (error instanceof DomainError) {
    const status = STATUS_BY_CODE[error.code] ?? 400;
    if (error instanceof InvalidInputError || error instanceof PayloadTooLargeError) {
      return problemResponse({ code: error.code, status, detail: error.message, errors: error.issues }, instance);
    }
    const extensions = error.details === undefined ? undefined : { details: error.details };
    return problemResponse({ code: error.code, status, detail: error.message, extensions }, instance);
  }
  logger.error('Unhandled error', error as Error);
  return problemResponse(
    {
      code: 'INTERNAL',
      status: 500,
      detail: `Something went wrong on our side. It has been logged; try again, and report it with the request id if it persists.`,
    },
    instance,
  );
}
