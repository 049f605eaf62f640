import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { CreateImportRequest, ImportStatus } from './import';
import { auditEvent } from '../audit/audit-event';
import type { Caller } from '../access/roles';
import { InvalidInputError } from '../errors';
import type { RegulationStore } from '../regulation/regulation-store';
import { monthsToYearEnd } from '../calendar/calendar';
import { requireMonthsInForce } from '../regulation/effective-period';
import { requireRegulation } from '../regulation/require-regulation';
import type { ImportRecord } from './import-record';
import { importStatusOf } from './import-status';
import type { ImportStore } from './import-store';

/** Opens an import of one file into a regulation's roster for the coverage year. */
export async function createImport(
  stores: { imports: ImportStore; regulations: RegulationStore },
  regulationId: string,
  request: z.output<typeof CreateImportRequest>,
  caller: Caller,
  now: Date,
): Promise<ImportStatus> {
  const regulation = requireRegulation(await stores.regulations.current(regulationId), regulationId);
  if (request.segment && !regulation.segments.some((s) => s.code === request.segment)) {
    throw new InvalidInputError(`Regulation ${regulationId} has no segment ${request.segment}`, [
      { path: 'segment', message: `must be one of ${regulation.segments.map((s) => s.code).join(', ')}` },
    ]);
  }
  requireMonthsInForce(regulation, monthsToYearEnd(request.coverageStart.slice(0, 7)), `the roster's coverage from ${request.coverageStart}`, 'coverageStart');
  const record: ImportRecord = {
    importId: `imp-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(6).toString('hex')}`,
    regulationId,
    regulationVersion: regulation.version,
    year: Number(request.coverageStart.slice(0, 4)),
    coverageStart: request.coverageStart,
    ...(request.segment ? { segment: request.segment } : {}),
    ...(request.updateIdentities ? { updateIdentities: true } : {}),
    fileName: request.fileName,
    ...(request.columns ? { columns: request.columns } : {}),
    status: 'receiving',
    createdBy: caller.username,
    createdAt: now.toISOString(),
  };
  await stores.imports.create(
    record,
    auditEvent({
      caller,
      at: now,
      action: 'roster.import.created',
      entityType: 'regulation',
      entityId: regulationId,
      summary:
        `Opened import ${record.importId} of ${request.fileName} for ${record.year}${request.segment ? ` (segment ${request.segment})` : ''}` +
        `${request.updateIdentities ? ', allowed to update the names and birth dates of people already on the roster' : ''}`,
    }),
  );
  return importStatusOf(record, { chunks: [], rows: 0 }, []);
}
