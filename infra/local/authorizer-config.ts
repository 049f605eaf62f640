import type { LocalAuthConfig } from '../../shared/runtime/local-auth/local-auth-config';
import type { LocalTemplate } from './template';
import { LocalStackUnsupportedError } from './unsupported-error';

/**
 * The issuer and audience of the template's JWT authorizers, which local tokens are signed for
 * (shared/runtime/local-auth). The CLI signs tokens from the resulting local-auth.json, so all
 * authorizers must agree; undefined when the API has none.
 */
export function localAuthConfigOf(template: LocalTemplate): LocalAuthConfig | undefined {
  const configs = template.ofType('AWS::ApiGatewayV2::Authorizer').map(([logicalId]) => {
    const { JwtConfiguration } = template.properties(logicalId) as {
      JwtConfiguration?: { Issuer?: string; Audience?: string[] };
    };
    return { logicalId, issuer: JwtConfiguration?.Issuer ?? '', audience: JwtConfiguration?.Audience?.[0] ?? '' };
  });
  const [first] = configs;
  if (!first) return undefined;
  for (const other of configs) {
    if (other.issuer !== first.issuer || other.audience !== first.audience) {
      throw new LocalStackUnsupportedError(
        `authorizer ${other.logicalId}`,
        `its issuer and audience differ from ${first.logicalId}'s, and local tokens are signed for one`,
      );
    }
  }
  return { issuer: first.issuer, audience: first.audience };
}
