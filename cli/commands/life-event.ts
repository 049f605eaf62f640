import type { Command } from 'commander';
import type { z } from 'zod';
import type { LifeEvent } from '../../shared/api/renewal-schemas';
import { maskNik } from '../../shared/core/people/personal-data';
import { callApi, type GlobalOptions } from '../api-client';
import { type PageOptions, listPages, moreLine, withPageOptions } from '../list-pages';
import { print } from '../output';
import { UsageError } from '../usage-error';

type Event = z.infer<typeof LifeEvent>;

export function registerLifeEvent(program: Command): void {
  const lifeEvent = program.command('life-event').description('Deaths and removals from a segment: cover ends, and is not renewed');

  lifeEvent
    .command('record')
    .description('Record a death or a removal with its effective date (admin); recording it again changes nothing')
    .requiredOption('--nik <nik>', 'the person')
    .option('--death', 'the person died on --date')
    .option('--removal', 'the person is no longer in the segment from --date')
    .requiredOption('--date <YYYY-MM-DD>', 'the effective date')
    .option('--note <text>', 'a note for the record')
    .action(async (options: { nik: string; death?: boolean; removal?: boolean; date: string; note?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (Boolean(options.death) === Boolean(options.removal)) throw new UsageError('Give exactly one of --death or --removal.');
      const event = await callApi<Event>(
        globals,
        'POST',
        '/life-events',
        { nik: options.nik, kind: options.death ? 'death' : 'removal', effectiveDate: options.date, ...(options.note ? { note: options.note } : {}) },
        { retry: true },
      );
      print(globals.json, event, () => describe(event));
    });

  withPageOptions(lifeEvent.command('list').description("A person's recorded life events").requiredOption('--nik <nik>', 'the person')).action(
    async (options: { nik: string } & PageOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const listed = await listPages<Event>(globals, '/life-events', 'events', { nik: options.nik }, options);
      print(globals.json, { events: listed.items, nextCursor: listed.nextCursor }, () =>
        listed.items.length === 0 ? [`No life events for ${maskNik(options.nik)}.`] : [...listed.items.flatMap(describe), ...moreLine(listed)],
      );
    },
  );
}

function describe(e: Event): string[] {
  return [
    `${maskNik(e.nik)}  ${e.kind} effective ${e.effectiveDate}: cover under ${e.regulationId} (${e.segment}, ${e.year}) ends ${e.coverEnds}; not renewed`,
    `  recorded by ${e.recordedBy} at ${e.recordedAt}${e.note ? `: ${e.note}` : ''}`,
  ];
}
