/**
 * The new year's roster is changing under the renewal (an import of it is processing, or finished
 * since the recount): Step Functions retries the step later, when the recount can be exact.
 */
export class RosterBusyError extends Error {
  constructor(regulationId: string, year: number, why: string) {
    super(`The ${year} roster of ${regulationId} is changing (${why}); retrying later`);
    this.name = 'RosterBusyError';
  }
}
