import type { z } from 'zod';
import type { RegulationPart } from '../core/access/region-directory';
import type { Role } from '../core/access/roles';
import type { WorkflowName } from '../core/workflow-starter';
export type { WorkflowName };

/**
 * One HTTP route, described once. The CDK app turns it into an API Gateway route and a Lambda
 * function, the OpenAPI document into a path, and the handler into its access rule and input
 * parsing, so the three cannot drift apart.
 */
export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway path, e.g. `/regulations/{id}`. */
  readonly path: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly summary: string;
  /** Roles allowed to call the route, or `public` for routes without a token (e.g. OpenAPI). */
  readonly access: readonly Role[] | 'public';
  /** Which regulation the route touches, so that its region decides whether the caller may (shared/runtime/http/region-gate.ts). */
  readonly scope: RouteScope;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  /** Request headers the logic reads, by their lower-case names (as API Gateway passes them). */
  readonly headers?: z.ZodObject;
  readonly body?: z.ZodType;
  /** The largest body the route reads, in bytes (UTF-8, after base64 decoding); default DEFAULT_MAX_BODY_BYTES. */
  readonly maxBodyBytes?: number;
  readonly response: z.ZodType;
  /** Headers of a successful response, by name, computed from its body (e.g. `etag` from a version). */
  readonly responseHeaders?: Readonly<Record<string, ResponseHeader>>;
  /** Status code of a successful response. */
  readonly successStatus?: number;
  /** Workflows the route may start; it gets their ARNs as environment variables. */
  readonly starts?: readonly WorkflowName[];
}

/** Where a request names a value: a path parameter, a query parameter or a field of the JSON body. */
export interface RequestField {
  readonly in: 'params' | 'query' | 'body';
  readonly field: string;
}

/**
 * How a route finds the regulation whose region decides access:
 * - `none`: it touches no region's data (who am I, the OpenAPI document);
 * - `listing`: it lists across regulations, and answers only those the caller's region reaches
 *   (a `regulationId` in its query narrows it, and is checked like `regulation`);
 * - `regulation`: the request names the regulation; `createdFrom` is the body field that gives a
 *   new regulation's jurisdiction;
 * - a part of a regulation (a proposal, run, import or bill) that the request names by its id;
 * - `person`: the request names a person, and the use case acts on the regulation whose roster
 *   holds them only if the caller's region may change it (record-life-event.ts).
 */
export type RouteScope =
  | { readonly kind: 'none' }
  | { readonly kind: 'listing' }
  | { readonly kind: 'person' }
  | ({ readonly kind: 'regulation'; readonly createdFrom?: string } & RequestField)
  | ({ readonly kind: RegulationPart } & RequestField);

export interface ResponseHeader {
  readonly description: string;
  /** `never` lets each route declare its own response type; the handler passes its logic's result. */
  readonly of: (response: never) => string;
}

/**
 * What a route reads unless it says otherwise: far above any regulation or decision, far below
 * API Gateway's 10 MB, and small enough that no single field can reach DynamoDB's 400 KB item
 * limit through it unnoticed.
 */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export function maxBodyBytes(route: Pick<RouteSpec, 'maxBodyBytes'>): number {
  return route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
}


/** `rosterImport` → `ROSTER_IMPORT_STATE_MACHINE_ARN`. */
export function workflowArnVariable(name: WorkflowName): string {
  return `${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_STATE_MACHINE_ARN`;
}

export function routeKey(route: Pick<RouteSpec, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
