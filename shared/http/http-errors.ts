import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, InvalidInputError } from '../domain/errors';
import { maskPersonalData } from '../domain/personal-data';
import { logger } from '../observability/powertools';
import { jsonResponse } from './json-response';

/** The request carried no valid identity. API Gateway normally answers this before the handler. */
export class UnauthenticatedError extends Error {
  constructor() {
    super('Sign in first: send a valid token as "Authorization: Bearer <token>" (locally: npx lindung login).');
  }
}

const STATUS_BY_CODE: Record<string, number> = {
  INVALID_INPUT: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PRECONDITION_REQUIRED: 428,
};

/**
 * Maps an error to the response the caller sees. Domain errors keep their message (it tells the
 * caller what to do next); anything else is a bug, logged in full and answered without detail.
 */
export function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof UnauthenticatedError) {
    return jsonResponse(401, { error: 'UNAUTHENTICATED', message: error.message });
  }
  if (error instanceof DomainError) {
    const status = STATUS_BY_CODE[error.code] ?? 400;
    const body: Record<string, unknown> = { error: error.code, message: maskPersonalData(error.message) };
    if (error instanceof InvalidInputError) body.issues = error.issues;
    else if (error.details !== undefined) body.details = error.details;
    return jsonResponse(status, body);
  }
  logger.error('Unhandled error', error as Error);
  return jsonResponse(500, {
    error: 'INTERNAL',
    message: 'Something went wrong on our side. It has been logged; try again, and report it if it persists.',
  });
}
