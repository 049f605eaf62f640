import type { Renewal } from './renewal';
import type { RenewalRecord } from './renewal-record';

/** A stored renewal as the API shows it. */
export function renewalView(record: RenewalRecord): Renewal {
  const { regulationVersion: _version, executionArn: _arn, ...renewal } = record;
  return renewal;
}
