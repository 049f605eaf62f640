import type { Command } from 'commander';
import type { z } from 'zod';
import type { WhoAmI } from '../../shared/api/schemas';
import { callApi, type GlobalOptions } from '../api-client';
import { describeRegion } from '../../shared/core/access/region-reach';
import { t } from '../messages';
import { print } from '../output';

export function registerWhoAmI(program: Command): void {
  program
    .command('whoami')
    .description(t('Tampilkan siapa Anda menurut API'))
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const me = await callApi<z.infer<typeof WhoAmI>>(globals, 'GET', '/me');
      print(globals.json, me, () => [`${me.username} (${me.roles.join(', ')}; ${me.region ? describeRegion(me.region) : t('tanpa wilayah')})`]);
    });
}
