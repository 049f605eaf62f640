import { parse } from '@aws-lambda-powertools/parser';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { type RouteSpec, maxBodyBytes } from '../../api/route-spec';
import { InvalidInputError } from '../../core/errors';
import { PayloadTooLargeError } from './http-errors';

export interface ParsedRequest<R extends RouteSpec> {
  params: R['params'] extends z.ZodType ? z.output<R['params']> : Record<string, never>;
  query: R['query'] extends z.ZodType ? z.output<R['query']> : Record<string, never>;
  headers: R['headers'] extends z.ZodType ? z.output<R['headers']> : Record<string, never>;
  body: R['body'] extends z.ZodType ? z.output<R['body']> : undefined;
}

/**
 * Validates path parameters, query string, the headers the route reads and JSON body against
 * the route's schemas in one pass, so that a 400 names every bad field at once, e.g.
 * `segments[1].eligibility.minAge` or `header.if-match`.
 */
export function parseRequest<R extends RouteSpec>(route: R, event: APIGatewayProxyEventV2): ParsedRequest<R> {
  const schema = z.object({
    params: route.params ?? z.object({}),
    query: route.query ?? z.object({}),
    headers: route.headers ?? z.object({}),
    body: route.body ?? z.undefined(),
  });
  const result = parse(
    {
      params: event.pathParameters ?? {},
      query: event.queryStringParameters ?? {},
      headers: event.headers ?? {},
      body: jsonBody(route, event),
    },
    undefined,
    schema,
    true,
  );
  if (result.success) return result.data as ParsedRequest<R>;
  const issues = (result.error.cause as readonly StandardSchemaV1.Issue[]).flatMap(fieldIssues);
  throw new InvalidInputError(
    `The request has ${issues.length} invalid field${issues.length === 1 ? '' : 's'}: ${issues.map((i) => i.path).join(', ')}`,
    issues,
  );
}

function jsonBody(route: RouteSpec, event: APIGatewayProxyEventV2): unknown {
  const bytes = bodyBytes(event);
  const limit = maxBodyBytes(route);
  // Before parsing: an oversize body costs no JSON.parse and can never reach DynamoDB's item limit.
  if (bytes && bytes.length > limit) {
    throw new PayloadTooLargeError(
      `The request body is ${bytes.length.toLocaleString('en')} bytes; ${route.method} ${route.path} takes at most ${limit.toLocaleString('en')} bytes. Send less: shorter fields, or fewer rows per request.`,
      limit,
    );
  }
  if (!route.body) return undefined;
  if (!bytes) throw new InvalidInputError('The request needs a JSON body', [{ path: '(body)', message: 'is missing' }]);
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError('The request body is not valid JSON', [
      { path: '(body)', message: (error as Error).message },
    ]);
  }
}

/**
 * One issue per field: an unknown key is named as a field of its own (zod reports it on the
 * object that holds it), and a text, list or number over its maximum says the maximum.
 */
function fieldIssues(issue: StandardSchemaV1.Issue): { path: string; message: string }[] {
  const detail = issue as StandardSchemaV1.Issue & z.core.$ZodIssue;
  const path = issue.path ?? [];
  if (detail.code === 'unrecognized_keys') {
    return detail.keys.map((key) => ({
      path: issuePath([...path, key]),
      message: 'is not a field of this request: remove it, or check its spelling',
    }));
  }
  if (detail.code === 'too_big' && detail.inclusive) {
    const unit = detail.origin === 'string' ? ' characters' : detail.origin === 'array' ? ' items' : '';
    return [{ path: issuePath(path), message: `must be at most ${String(detail.maximum)}${unit}` }];
  }
  return [{ path: issuePath(path), message: issue.message }];
}

function bodyBytes(event: APIGatewayProxyEventV2): Buffer | undefined {
  if (!event.body) return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

/** `['body', 'segments', 1, 'code']` → `segments[1].code`; `['params', 'id']` → `path.id`; `['headers', 'if-match']` → `header.if-match`. */
function issuePath(path: readonly (PropertyKey | StandardSchemaV1.PathSegment)[]): string {
  const keys = path.map((segment) => (typeof segment === 'object' && segment !== null ? segment.key : segment));
  const [location, ...rest] = keys;
  const prefix = location === 'params' ? 'path' : location === 'query' ? 'query' : location === 'headers' ? 'header' : '';
  const joined = rest.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    prefix,
  );
  return joined || '(body)';
}
