import type { ImportStatus } from './import';
import { auditEvent } from '../audit/audit-event';
import { SYSTEM_CALLER } from '../access/system-caller';
import { importStatusOf } from './import-status';
import type { ImportStore } from './import-store';
import { requireImport } from './require-import';
import { addCounts, emptyCounts, totalsOf } from './shard-counts';
import { formatCount } from '../people/people-count';

/**
 * Completes an import once every shard is done: the import's totals, and the regulation's roster
 * for the year changed by what the shards counted. The roster version, which budgets bind to,
 * moves only when the import added, moved or changed someone: an import whose rows were all
 * rejected, or all identical to the roster, leaves pending proposals valid.
 */
export async function finalizeImport(store: ImportStore, importId: string, now: Date): Promise<ImportStatus> {
  const record = requireImport(await store.get(importId), importId);
  const received = await store.received(importId);
  if (record.status !== 'processing') return importStatusOf(record, received, await store.shardCounts(importId));

  const sum = (await store.shardCounts(importId)).reduce(addCounts, emptyCounts());
  const totals = { ...totalsOf(sum), segments: sum.segments };
  const change = Object.values(sum.rosterDelta).reduce((a, b) => a + b, 0);
  const changed = (sum.peopleChanged ?? 0) > 0;
  const completed = { ...record, status: 'completed' as const, completedAt: now.toISOString(), totals };
  await store.complete(
    completed,
    { delta: sum.rosterDelta, changed },
    auditEvent({
      caller: SYSTEM_CALLER,
      at: now,
      action: 'roster.import.completed',
      entityType: 'regulation',
      entityId: record.regulationId,
      summary:
        `Import ${importId} completed: ${formatCount(totals.accepted)} accepted, ${formatCount(totals.rejected)} rejected of ${formatCount(totals.processed)}` +
        `${totals.warnings > 0 ? ` (${formatCount(totals.warnings)} with a warning)` : ''}; ` +
        (changed
          ? `the ${record.year} roster changed by ${change >= 0 ? '+' : ''}${formatCount(change)} people (${formatCount(sum.peopleChanged ?? 0)} added, moved or updated)`
          : `the ${record.year} roster is unchanged`),
    }),
  );
  return importStatusOf(completed, received, []);
}
