import { RegionCode } from '../../core/access/region-reach';
import { Role, type Caller } from '../../core/access/roles';

/** The user's region: a Cognito custom attribute, which ID tokens carry under this name. */
const REGION_CLAIM = 'custom:region';

/**
 * Reads the caller from the claims API Gateway's JWT authorizer passes on. API Gateway turns
 * every claim into a string, and a list such as `cognito:groups` into `[admin finance]`; a
 * directly invoked handler may get a real array. Both are accepted. A region that is not a
 * Kemendagri code is left out, and such a caller reaches no regulation.
 */
export function callerFromClaims(claims: Record<string, unknown> | undefined): Caller | undefined {
  const userId = claims?.sub;
  if (typeof userId !== 'string' || userId === '') return undefined;
  const username = claims?.['cognito:username'] ?? claims?.username ?? userId;
  const region = RegionCode.safeParse(claims?.[REGION_CLAIM]);
  return { userId, username: String(username), roles: parseGroups(claims?.['cognito:groups']), ...(region.success ? { region: region.data } : {}) };
}

function parseGroups(groups: unknown): Role[] {
  const names = Array.isArray(groups)
    ? groups.map(String)
    : typeof groups === 'string'
      ? groups.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  return names.flatMap((name) => {
    const role = Role.safeParse(name.trim());
    return role.success ? [role.data] : [];
  });
}
