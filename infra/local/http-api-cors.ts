/**
 * API Gateway's CORS handling for an HTTP API with a CorsConfiguration: the answer to a preflight
 * request, and the CORS headers it puts on every other response in place of the function's own.
 * An origin or method the configuration does not allow gets no CORS headers, so the browser
 * refuses the response.
 */
import type { IncomingMessage } from 'node:http';
import { header } from './api-gateway-event';
import type { CorsConfiguration } from './http-api-definition';
import type { Reply } from './local-http-api';

export function preflightHeaders(cors: CorsConfiguration, request: IncomingMessage): Record<string, string> {
  const origin = header(request, 'origin') ?? '';
  const method = (header(request, 'access-control-request-method') ?? '').toUpperCase();
  const allowedOrigin = corsOrigin(cors, origin);
  const methods = (cors.AllowMethods ?? []).map((m) => m.toUpperCase());
  // A disallowed origin or method gets an answer without CORS headers; the browser then refuses.
  if (!allowedOrigin || !(methods.includes('*') || methods.includes(method))) return {};
  return {
    'access-control-allow-origin': allowedOrigin,
    'access-control-allow-methods': methods.join(','),
    ...(cors.AllowHeaders?.length ? { 'access-control-allow-headers': cors.AllowHeaders.join(',') } : {}),
    ...(cors.ExposeHeaders?.length ? { 'access-control-expose-headers': cors.ExposeHeaders.join(',') } : {}),
    ...(cors.AllowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
    ...(cors.MaxAge !== undefined ? { 'access-control-max-age': String(cors.MaxAge) } : {}),
  };
}

/** With CORS configured, API Gateway replaces the function's CORS headers by its own. */
export function withCorsHeaders(reply: Reply, cors: CorsConfiguration, request: IncomingMessage): Reply {
  const headers = Object.fromEntries(Object.entries(reply.headers).filter(([name]) => !name.startsWith('access-control-')));
  const allowedOrigin = corsOrigin(cors, header(request, 'origin') ?? '');
  if (allowedOrigin) {
    headers['access-control-allow-origin'] = allowedOrigin;
    if (cors.ExposeHeaders?.length) headers['access-control-expose-headers'] = cors.ExposeHeaders.join(',');
    if (cors.AllowCredentials) headers['access-control-allow-credentials'] = 'true';
  }
  return { ...reply, headers };
}

function corsOrigin(cors: CorsConfiguration, origin: string): string | undefined {
  if (!origin) return undefined;
  const origins = cors.AllowOrigins ?? [];
  if (origins.includes('*')) return '*';
  return origins.includes(origin) ? origin : undefined;
}
