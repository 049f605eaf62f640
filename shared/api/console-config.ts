/**
 * config.json beside the web console: the API's URL and how to sign in. The CDK app writes it at
 * deployment, the local stack serves its own, so that one console bundle serves every stage.
 */
export interface ConsoleConfig {
  /** The HTTP API's base URL; empty for the console's own origin. */
  readonly apiUrl: string;
  readonly auth:
    | { readonly kind: 'local' }
    | { readonly kind: 'cognito'; readonly region: string; readonly userPoolId: string; readonly clientId: string; readonly domain: string };
}
