import type { Renewal } from './renewal';

/** What is stored about a renewal: the API view plus what only the workflow needs. */
export type RenewalRecord = Renewal & {
  /** The regulation version the attempt verified against. */
  regulationVersion: number;
  executionArn?: string;
};
