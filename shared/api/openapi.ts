import { z } from 'zod';
import { type RouteSpec, maxBodyBytes } from './route-spec';
import { type JsonSchema, SchemaComponents } from './schema-components';

const FieldError = z.object({ path: z.string(), message: z.string() }).meta({ id: 'FieldError' });

/** RFC 9457 problem details, as shared/runtime/http/problem-details.ts writes them (docs/api-errors.md). */
const Problem = z.object({
  type: z.string().describe('A URI reference naming the kind of problem, e.g. /problems/invalid-input (docs/api-errors.md)'),
  title: z.string().describe('A short summary of the kind of problem'),
  status: z.number().int().describe('The HTTP status code'),
  detail: z.string().describe('What went wrong in this request and what to do next'),
  instance: z.string().describe('The request path'),
  requestId: z.string().optional().describe('The request id, to quote when reporting a problem'),
  errors: z.array(FieldError).describe('Every invalid field (empty when no single field is at fault)'),
  details: z.unknown().optional().describe('Facts about a conflict, e.g. the missing chunks of an import'),
  error: z.string().describe('Deprecated: the code behind `type`, e.g. INVALID_INPUT'),
  message: z.string().describe('Deprecated: the same as `detail`'),
  issues: z.array(FieldError).optional().describe('Deprecated: the same as `errors`'),
}).meta({ id: 'Problem' });

const ERROR_RESPONSES: Record<string, string> = {
  '400': 'Invalid input; `errors` names every bad field',
  '401': 'Missing or invalid token',
  '403': 'The caller lacks the role the route needs',
  '404': 'Not found',
  '409': 'Conflicts with a concurrent change',
  '413': 'The body is over the route\'s limit (`x-lindung-max-body-bytes` of the request body)',
};

/** Answers of a route that reads If-Match: the version it names is no longer current, or it is missing. */
const PRECONDITION_RESPONSES: Record<string, string> = {
  '412': 'If-Match names a version that is no longer current (or If-None-Match: * and it exists); `details` names the current version',
  '428': 'An amendment without If-Match: send the ETag of the version the change is based on',
};

/** The OpenAPI 3.1 document of the HTTP API, generated from the route catalogue's zod schemas. */
export function openApiDocument(routes: readonly RouteSpec[]): Record<string, unknown> {
  const components = new SchemaComponents();
  const problem = components.schemaOf(Problem, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation: Record<string, unknown> = {
      operationId: operationId(route),
      summary: route.summary,
      ...(route.access === 'public'
        ? { security: [] }
        : { security: [{ cognito: [] }], 'x-lindung-roles': [...route.access] }),
      parameters: [
        ...parameters(components, route.params, 'path'),
        ...parameters(components, route.query, 'query'),
        ...parameters(components, route.headers, 'header'),
      ],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              'x-lindung-max-body-bytes': maxBodyBytes(route),
              content: { 'application/json': { schema: components.schemaOf(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(route.successStatus ?? 200)]: {
          description: 'Success',
          ...(route.responseHeaders
            ? {
                headers: Object.fromEntries(
                  Object.entries(route.responseHeaders).map(([name, header]) => [name, { description: header.description, schema: { type: 'string' } }]),
                ),
              }
            : {}),
          content: { 'application/json': { schema: components.schemaOf(route.response, 'output') } },
        },
        ...Object.fromEntries(
          Object.entries({ ...ERROR_RESPONSES, ...(route.headers?.shape['if-match'] ? PRECONDITION_RESPONSES : {}) })
            .filter(([status]) => route.access !== 'public' || (status !== '401' && status !== '403'))
            .filter(([status]) => route.body !== undefined || status !== '413')
            .map(([status, description]) => [
              status,
              { description, content: { 'application/problem+json': { schema: problem } } },
            ]),
        ),
      },
    };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lindung API',
      version: '1',
      description:
        'Regional subsidies of BPJS Ketenagakerjaan premiums: regulations, rosters, budgets, enrollment and renewal. Money is integer rupiah.',
    },
    components: {
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Cognito ID token, with the user\'s region in `custom:region` (locally: `npx lindung login --as ROLE --user NAME --region CODE`)',
        },
      },
      schemas: components.schemas(),
    },
    paths,
  };
}

function parameters(components: SchemaComponents, schema: z.ZodObject | undefined, location: 'path' | 'query' | 'header'): JsonSchema[] {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: location,
    required: location === 'path' || !(field as z.ZodType).safeParse(undefined).success,
    schema: components.schemaOf(field as z.ZodType, 'input'),
  }));
}

/** `GET /regulations/{id}/versions` → `getRegulationsIdVersions`. */
function operationId(route: RouteSpec): string {
  const words = route.path.split(/[/{}.-]+/).filter(Boolean);
  return route.method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
