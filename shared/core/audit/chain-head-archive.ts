import type { IsoDate } from '../calendar/calendar';
import type { ChainHeadExport } from './chain-head-export';

/**
 * Port: where the daily exports of the chain heads are kept, write-once. On AWS an S3 bucket
 * under Object Lock in compliance mode; on the local stack a directory of files.
 */
export interface ChainHeadArchive {
  /** Keeps one day's export; false, and nothing written, when that day's is there already. */
  put(exported: ChainHeadExport): Promise<boolean>;
  /** The latest export of a day before `before`, or the latest of all; undefined when there is none. */
  latest(before?: IsoDate): Promise<ChainHeadExport | undefined>;
}
