import type { Command } from 'commander';
import type { z } from 'zod';
import type { LifeEvent } from '../../shared/api/renewal-schemas';
import { maskNik } from '../../shared/core/people/personal-data';
import { callApi, type GlobalOptions } from '../api-client';
import { type PageOptions, listPages, moreLine, withPageOptions } from '../list-pages';
import { print } from '../output';
import { t } from '../messages';
import { UsageError } from '../usage-error';

type Event = z.infer<typeof LifeEvent>;

export function registerLifeEvent(program: Command): void {
  const lifeEvent = program.command('life-event').description(t('Kematian dan keluar dari segmen: perlindungan berakhir, dan tidak diperpanjang'));

  lifeEvent
    .command('record')
    .description(t('Catat kematian atau keluar dari segmen beserta tanggal berlakunya (admin); mencatatnya lagi tidak mengubah apa pun'))
    .requiredOption('--nik <nik>', t('orangnya'))
    .option('--death', t('orang itu meninggal pada --date'))
    .option('--removal', t('orang itu tidak lagi di segmennya sejak --date'))
    .requiredOption('--date <YYYY-MM-DD>', t('tanggal berlaku'))
    .option('--note <text>', t('catatan'))
    .action(async (options: { nik: string; death?: boolean; removal?: boolean; date: string; note?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (Boolean(options.death) === Boolean(options.removal)) throw new UsageError(t('Berikan tepat satu dari --death atau --removal.'));
      const event = await callApi<Event>(
        globals,
        'POST',
        '/life-events',
        { nik: options.nik, kind: options.death ? 'death' : 'removal', effectiveDate: options.date, ...(options.note ? { note: options.note } : {}) },
        { retry: true },
      );
      print(globals.json, event, () => describe(event));
    });

  withPageOptions(lifeEvent.command('list').description(t('Peristiwa hidup seseorang yang tercatat')).requiredOption('--nik <nik>', t('orangnya'))).action(
    async (options: { nik: string } & PageOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const listed = await listPages<Event>(globals, '/life-events', 'events', { nik: options.nik }, options);
      print(globals.json, { events: listed.items, nextCursor: listed.nextCursor }, () =>
        listed.items.length === 0 ? [t('Tidak ada peristiwa hidup untuk {nik}.', { nik: maskNik(options.nik) })] : [...listed.items.flatMap(describe), ...moreLine(listed)],
      );
    },
  );
}

function describe(e: Event): string[] {
  return [
    t('{nik}  {kind} berlaku {date}: perlindungan dari {regulation} ({segment}, {year}) berakhir {ends}; tidak diperpanjang', {
      nik: maskNik(e.nik),
      kind: e.kind === 'death' ? t('kematian') : t('keluar dari segmen'),
      date: e.effectiveDate,
      regulation: e.regulationId,
      segment: e.segment,
      year: e.year,
      ends: e.coverEnds,
    }),
    t('  dicatat oleh {user} pada {at}', { user: e.recordedBy, at: e.recordedAt }) + (e.note ? `: ${e.note}` : ''),
  ];
}
