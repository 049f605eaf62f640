/**
 * Route selection for the local HTTP API: which of the template's routes a request's method and
 * path reach, as API Gateway decides it, and the path parameters the route binds. `matchRoute`
 * picks the route; `matchScore` and `compareScores` rank the candidates by specificity.
 */
import type { HttpRoute } from './http-api-definition';

export interface RouteMatch {
  readonly route: HttpRoute;
  readonly functionId: string;
  readonly pathParameters: Record<string, string>;
}

/**
 * API Gateway's route selection: the most specific path wins (literal before variable before
 * greedy, segment by segment), a method before ANY, `$default` last.
 */
export function matchRoute(
  routes: { route: HttpRoute; functionId: string }[],
  method: string,
  rawPath: string,
): RouteMatch | undefined {
  const requestSegments = rawPath.split('/').slice(1).map(safeDecode);
  let best: { match: RouteMatch; score: number[] } | undefined;
  for (const { route, functionId } of routes) {
    const score = matchScore(route, method, requestSegments);
    if (!score) continue;
    if (!best || compareScores(score.score, best.score) > 0) {
      best = { match: { route, functionId, pathParameters: score.pathParameters }, score: score.score };
    }
  }
  return best?.match;
}

function matchScore(
  route: HttpRoute,
  method: string,
  requestSegments: string[],
): { score: number[]; pathParameters: Record<string, string> } | undefined {
  // `$default` matches everything, below any route.
  if (!route.segments) return { score: [0], pathParameters: {} };
  if (route.method !== 'ANY' && route.method !== method) return undefined;
  const pathParameters: Record<string, string> = {};
  // Per segment 3 (literal), 2 (variable) or 1 (greedy), then the method: 1 for an exact one, 0 for ANY.
  const score: number[] = [1];
  for (const [index, segment] of route.segments.entries()) {
    const value = requestSegments[index];
    if (segment.kind === 'greedy') {
      const rest = requestSegments.slice(index);
      if (!rest.length || rest.join('/') === '') return undefined;
      pathParameters[segment.name] = rest.join('/');
      score.push(1);
      return { score: [...score, route.method === 'ANY' ? 0 : 1], pathParameters };
    }
    if (value === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (segment.value !== value) return undefined;
      score.push(3);
    } else {
      if (value === '') return undefined;
      pathParameters[segment.name] = value;
      score.push(2);
    }
  }
  if (requestSegments.length !== route.segments.length) return undefined;
  return { score: [...score, route.method === 'ANY' ? 0 : 1], pathParameters };
}

function compareScores(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? -1) - (b[index] ?? -1);
    if (difference) return difference;
  }
  return 0;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
