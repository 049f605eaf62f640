import type { Command } from 'commander';
import type { z } from 'zod';
import type { WhoAmI } from '../../shared/api/schemas';
import { callApi, type GlobalOptions } from '../api-client';
import { print } from '../output';

export function registerWhoAmI(program: Command): void {
  program
    .command('whoami')
    .description('Show who the API thinks you are')
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const me = await callApi<z.infer<typeof WhoAmI>>(globals, 'GET', '/me');
      print(globals.json, me, () => [`${me.username} (${me.roles.join(', ')})`]);
    });
}
