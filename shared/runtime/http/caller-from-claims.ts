import { Role, type Caller } from '../../core/access/roles';

/**
 * Reads the caller from the claims API Gateway's JWT authorizer passes on. API Gateway turns
 * every claim into a string, and a list such as `cognito:groups` into `[admin finance]`; a
 * directly invoked handler may get a real array. Both are accepted.
 */
export function callerFromClaims(claims: Record<string, unknown> | undefined): Caller | undefined {
  const userId = claims?.sub;
  if (typeof userId !== 'string' || userId === '') return undefined;
  const username = claims?.['cognito:username'] ?? claims?.username ?? userId;
  return { userId, username: String(username), roles: parseGroups(claims?.['cognito:groups']) };
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
