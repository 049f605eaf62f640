import { SfnApiError } from './sfn-api-errors';

/**
 * Validation of Step Functions API requests, with the error types the real service answers, so
 * that a client that mishandles them locally would mishandle them on AWS too.
 */
export type RequestBody = Record<string, unknown>;

const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/;
const EXECUTION_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[A-Za-z0-9_-]{1,80}:[^:]{1,80}$/;
const EXECUTION_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 100;

export function requestBody(body: unknown): RequestBody {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new SfnApiError('ValidationException', 'The request body must be a JSON object');
  }
  return body as RequestBody;
}

export function optionalString(body: RequestBody, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SfnApiError('ValidationException', `${field} must be a string`);
  return value;
}

export function requiredString(body: RequestBody, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined || value === '') {
    throw new SfnApiError('ValidationException', `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

export function optionalBoolean(body: RequestBody, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new SfnApiError('ValidationException', `${field} must be a boolean`);
  return value;
}

export function stateMachineArnOf(body: RequestBody, field = 'stateMachineArn'): string {
  const arn = requiredString(body, field);
  if (!STATE_MACHINE_ARN.test(arn)) throw new SfnApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${arn}'`);
  return arn;
}

export function executionArnOf(body: RequestBody): string {
  const arn = requiredString(body, 'executionArn');
  if (!EXECUTION_ARN.test(arn)) throw new SfnApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${arn}'`);
  return arn;
}

/** The name of a new execution; the real API generates a UUID when none is given. */
export function executionNameOf(body: RequestBody, generate: () => string): string {
  const name = optionalString(body, 'name');
  if (name === undefined) return generate();
  if (!EXECUTION_NAME.test(name)) {
    throw new SfnApiError('InvalidName', `Invalid Name: '${name}' (1 to 80 characters: letters, digits, '-' and '_')`);
  }
  return name;
}

export interface Page {
  offset: number;
  size: number;
}

/** maxResults (0 or absent means the default) and an opaque nextToken, as the List APIs take them. */
export function pageOf(body: RequestBody): Page {
  const maxResults = body.maxResults;
  let size = DEFAULT_PAGE_SIZE;
  if (maxResults !== undefined && maxResults !== null) {
    if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 0 || maxResults > MAX_PAGE_SIZE) {
      throw new SfnApiError('ValidationException', `maxResults must be an integer from 0 to ${MAX_PAGE_SIZE}`);
    }
    if (maxResults > 0) size = maxResults;
  }
  const token = optionalString(body, 'nextToken');
  return { offset: token === undefined ? 0 : decodeToken(token), size };
}

/** One page of `items` and the token of the next one, if any. */
export function paginate<T>(items: T[], page: Page): { items: T[]; nextToken?: string } {
  const slice = items.slice(page.offset, page.offset + page.size);
  const next = page.offset + page.size;
  return next < items.length ? { items: slice, nextToken: encodeToken(next) } : { items: slice };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

function decodeToken(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the InvalidToken below: the token was not one of ours.
  }
  throw new SfnApiError('InvalidToken', `Invalid Token: '${token}'`);
}
