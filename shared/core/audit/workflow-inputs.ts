import { z } from 'zod';

/** The daily chain-head export, started by its schedule with the time it was due. */
export const ChainHeadExportInput = z.object({ scheduledTime: z.iso.datetime({ offset: true }).optional() });
