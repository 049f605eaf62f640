import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { maskPersonalData } from '../../core/people/personal-data';

/**
 * Every error the API's functions answer is an RFC 9457 problem (`application/problem+json`).
 * docs/api-errors.md documents each `type` and the migration from the earlier
 * `{error, message, issues}` body, whose members stay as extensions until clients have moved.
 */

export interface ProblemField {
  /** The field, as the request spells it: `title`, `segments[1].code`, `query.cursor`, `(body)`. */
  path: string;
  message: string;
}

export interface Problem {
  /** The error code the domain raised, e.g. `INVALID_INPUT`; `type` is derived from it. */
  code: string;
  status: number;
  detail: string;
  errors?: readonly ProblemField[];
  /** Further members a client may use, e.g. a conflict's `details`. */
  extensions?: Record<string, unknown>;
}

/** Where the problem happened: the request path, and the request id to quote in a report. */
export interface ProblemInstance {
  path: string;
  requestId?: string;
}

const TITLES: Record<string, string> = {
  INVALID_INPUT: 'The request has invalid fields',
  UNAUTHENTICATED: 'Sign in first',
  FORBIDDEN: 'Not allowed for this user',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflicts with the current state',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  INTERNAL: 'Something went wrong on our side',
};

/** `INVALID_INPUT` → `/problems/invalid-input`, documented in docs/api-errors.md. */
export function problemType(code: string): string {
  return `/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

export function problemResponse(problem: Problem, instance: ProblemInstance): APIGatewayProxyStructuredResultV2 {
  const detail = maskPersonalData(problem.detail);
  const errors = (problem.errors ?? []).map((field) => ({ path: field.path, message: maskPersonalData(field.message) }));
  const body = {
    type: problemType(problem.code),
    title: TITLES[problem.code] ?? 'The request cannot be carried out',
    status: problem.status,
    detail,
    instance: instance.path,
    ...(instance.requestId ? { requestId: instance.requestId } : {}),
    errors,
    ...problem.extensions,
    // Deprecated members of the earlier error body, kept while clients move to the ones above.
    error: problem.code,
    message: detail,
    ...(problem.code === 'INVALID_INPUT' || errors.length > 0 ? { issues: errors } : {}),
  };
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}
