import type { Command } from 'commander';
import type { z } from 'zod';
import type { AuditEventList } from '../../shared/api/schemas';
import { callApi, type GlobalOptions } from '../api-client';
import { print } from '../output';

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('The audit trail of one entity')
    .requiredOption('--entity <type:id>', 'e.g. regulation:perwal-tangsel-25-2019')
    .action(async (options: { entity: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { events } = await callApi<z.infer<typeof AuditEventList>>(
        globals,
        'GET',
        `/audit-events?entity=${encodeURIComponent(options.entity)}`,
      );
      print(globals.json, { events }, () => events.map((e) => `${e.at}  ${e.actor} (${e.actorRoles.join(',')})  ${e.action}  ${e.summary}`));
    });
}
