/**
 * The HTTP API as the template defines it: reads the one AWS::ApiGatewayV2::Api, its `$default`
 * stage, its routes with their Lambda proxy integrations and JWT authorizers, and the CORS
 * configuration, into an `HttpApiDefinition` the local API serves. Whatever API Gateway would
 * serve differently from what the local API can (other stages, other integrations, other
 * authorizers, route keys it cannot parse) is refused here with a `LocalStackUnsupportedError`,
 * before anything starts.
 */
import type { LocalTemplate } from './template';
import { LocalStackUnsupportedError } from './unsupported-error';

export interface CorsConfiguration {
  readonly AllowOrigins?: string[];
  readonly AllowMethods?: string[];
  readonly AllowHeaders?: string[];
  readonly ExposeHeaders?: string[];
  readonly AllowCredentials?: boolean;
  readonly MaxAge?: number;
}

interface JwtRouteAuth {
  readonly authorizerId: string;
  readonly issuer: string;
  readonly audience: string[];
  /** Lower-cased name of the header holding the token (the authorizer's identity source). */
  readonly header: string;
  readonly scopes: string[];
}

type PathSegment = { kind: 'literal'; value: string } | { kind: 'variable'; name: string } | { kind: 'greedy'; name: string };

export interface HttpRoute {
  readonly routeKey: string;
  /** Upper-case method, `ANY`, or undefined for `$default`. */
  readonly method?: string;
  readonly segments?: PathSegment[];
  readonly functionArn: string;
  readonly auth?: JwtRouteAuth;
}

export interface HttpApiDefinition {
  readonly apiId: string;
  readonly cors?: CorsConfiguration;
  readonly routes: HttpRoute[];
}

/**
 * Reads the template's HTTP API, refusing what the local API cannot serve as API Gateway would.
 * It needs only the template, so the local stack calls it before starting anything.
 */
export function readHttpApi(template: LocalTemplate): HttpApiDefinition | undefined {
  const apis = template.ofType('AWS::ApiGatewayV2::Api');
  if (apis.length > 1) {
    throw new LocalStackUnsupportedError(`resource ${apis[1]?.[0]}`, 'a second AWS::ApiGatewayV2::Api (it serves one)');
  }
  const [api] = apis;
  if (!api) return undefined;
  const [apiId] = api;
  const apiProperties = template.properties(apiId) as { ProtocolType?: string; CorsConfiguration?: CorsConfiguration };
  for (const key of ['Body', 'BodyS3Location', 'Target', 'RouteKey']) {
    if (api[1].Properties?.[key] !== undefined) {
      throw new LocalStackUnsupportedError(`API ${apiId}`, `its ${key} property (define routes as AWS::ApiGatewayV2::Route)`);
    }
  }
  if (apiProperties.ProtocolType !== 'HTTP') {
    throw new LocalStackUnsupportedError(`API ${apiId}`, `its protocol ${apiProperties.ProtocolType}`);
  }
  for (const [stageId] of template.ofType('AWS::ApiGatewayV2::Stage')) {
    const { StageName } = template.properties(stageId) as { StageName?: string };
    // Other stages put their name in front of every path; the local API serves only `$default`.
    if (StageName !== '$default') throw new LocalStackUnsupportedError(`stage ${stageId}`, `its name ${StageName}`);
  }
  const routes = template.ofType('AWS::ApiGatewayV2::Route').map(([routeId]) => readRoute(template, routeId));
  return { apiId, ...(apiProperties.CorsConfiguration ? { cors: apiProperties.CorsConfiguration } : {}), routes };
}

function readRoute(template: LocalTemplate, routeId: string): HttpRoute {
  const properties = template.properties(routeId) as {
    RouteKey: string;
    Target?: string;
    AuthorizationType?: string;
    AuthorizerId?: string;
    AuthorizationScopes?: string[];
  };
  const where = `route ${routeId} (${properties.RouteKey})`;
  const integrationId = properties.Target?.replace(/^integrations\//, '');
  if (!integrationId || integrationId === properties.Target) {
    throw new LocalStackUnsupportedError(where, `its target ${properties.Target ?? '(none)'}`);
  }
  const integration = template.properties(integrationId) as {
    IntegrationType?: string;
    IntegrationUri?: string;
    PayloadFormatVersion?: string;
  };
  if (integration.IntegrationType !== 'AWS_PROXY' || !integration.IntegrationUri?.startsWith('arn:aws:lambda:')) {
    throw new LocalStackUnsupportedError(
      `integration ${integrationId}`,
      `its type ${integration.IntegrationType} to ${integration.IntegrationUri} (only Lambda proxy integrations run locally)`,
    );
  }
  if (integration.PayloadFormatVersion !== '2.0') {
    throw new LocalStackUnsupportedError(`integration ${integrationId}`, `payload format ${integration.PayloadFormatVersion}`);
  }
  const authorizationType = properties.AuthorizationType ?? 'NONE';
  if (authorizationType !== 'NONE' && authorizationType !== 'JWT') {
    throw new LocalStackUnsupportedError(where, `authorization type ${authorizationType}`);
  }
  const auth =
    authorizationType === 'JWT'
      ? readJwtAuthorizer(template, properties.AuthorizerId ?? '', properties.AuthorizationScopes)
      : undefined;
  return {
    routeKey: properties.RouteKey,
    ...parseRouteKey(properties.RouteKey, where),
    functionArn: integration.IntegrationUri,
    ...(auth ? { auth } : {}),
  };
}

function readJwtAuthorizer(template: LocalTemplate, authorizerId: string, scopes: string[] | undefined): JwtRouteAuth {
  const properties = template.properties(authorizerId) as {
    AuthorizerType?: string;
    IdentitySource?: string[];
    JwtConfiguration?: { Issuer?: string; Audience?: string[] };
  };
  const where = `authorizer ${authorizerId}`;
  if (properties.AuthorizerType !== 'JWT') throw new LocalStackUnsupportedError(where, `its type ${properties.AuthorizerType}`);
  const identitySource = properties.IdentitySource ?? [];
  const header = /^\$request\.header\.(.+)$/.exec(identitySource[0] ?? '')?.[1];
  if (identitySource.length !== 1 || !header) {
    throw new LocalStackUnsupportedError(
      where,
      `its identity source ${identitySource.join(', ')} (one request header is supported)`,
    );
  }
  return {
    authorizerId,
    issuer: properties.JwtConfiguration?.Issuer ?? '',
    audience: properties.JwtConfiguration?.Audience ?? [],
    header: header.toLowerCase(),
    scopes: scopes ?? [],
  };
}

function parseRouteKey(routeKey: string, where: string): Pick<HttpRoute, 'method' | 'segments'> {
  if (routeKey === '$default') return {};
  const match = /^([A-Z]+) (\/\S*)$/.exec(routeKey);
  if (!match) throw new LocalStackUnsupportedError(where, 'its route key');
  const [, method, path] = match as unknown as [string, string, string];
  const parts = path.split('/').slice(1);
  const segments = parts.map((part, index): PathSegment => {
    const variable = /^\{([^}+]+)(\+?)\}$/.exec(part);
    if (!variable) return { kind: 'literal', value: part };
    const [, name, greedy] = variable as unknown as [string, string, string];
    if (greedy && index !== parts.length - 1) {
      throw new LocalStackUnsupportedError(where, 'a greedy variable before the last segment');
    }
    return greedy ? { kind: 'greedy', name } : { kind: 'variable', name };
  });
  return { method, segments };
}
