const BEARER_PREFIX = 'Bearer ';

/**
 * The token in the identity source (the Authorization header), read as API Gateway's HTTP API
 * JWT authorizer reads it. AWS's rule: "The identitySource can include only the token, or the
 * token prefixed with Bearer." (API Gateway Developer Guide, "Controlling access to HTTP APIs
 * with JWT authorizers"). So a bare token is accepted, as on AWS. AWS does not document other
 * spellings of the prefix (`bearer`, two spaces, a tab, `Basic`), so the stricter reading is
 * taken: only `Bearer` and one space is a prefix; anything else is read as the token itself,
 * which then fails verification with 401. docs/local-vs-cloud.md states the accepted forms.
 */
export function tokenOfIdentitySource(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const token = value.startsWith(BEARER_PREFIX) ? value.slice(BEARER_PREFIX.length) : value;
  return token || undefined;
}
