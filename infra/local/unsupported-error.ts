/**
 * Raised when the synthesized template holds something the local stack cannot run. It is what
 * keeps `npm start` from silently diverging from `cdk deploy`: fix the local stack, or change the
 * design to something both places run (docs/local-vs-cloud.md).
 */
export class LocalStackUnsupportedError extends Error {
  constructor(where: string, what: string) {
    super(`The local stack cannot run ${where}: ${what}. Extend infra/local, or see docs/local-vs-cloud.md.`);
    this.name = 'LocalStackUnsupportedError';
  }
}
