import type { Command } from 'commander';
import type { AuditEvent } from '../../shared/api/schemas';
import type { GlobalOptions } from '../api-client';
import { type PageOptions, listPages, moreLine, withPageOptions } from '../list-pages';
import { print } from '../output';

export function registerAudit(program: Command): void {
  withPageOptions(
    program
      .command('audit')
      .description('The audit trail of one entity, oldest first')
      .requiredOption('--entity <type:id>', 'e.g. regulation:perwal-tangsel-25-2019'),
  ).action(async (options: { entity: string } & PageOptions, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    const listed = await listPages<AuditEvent>(globals, '/audit-events', 'events', { entity: options.entity }, options);
    print(globals.json, { events: listed.items, nextCursor: listed.nextCursor }, () => [
      ...listed.items.map((e) => `${e.at}  ${e.actor} (${e.actorRoles.join(',')})  ${e.action}  ${e.summary}`),
      ...moreLine(listed),
    ]);
  });
}
