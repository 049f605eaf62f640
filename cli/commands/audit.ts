import type { Command } from 'commander';
import type { z } from 'zod';
import type { AuditEvent } from '../../shared/api/schemas';
import type { ChainVerification } from '../../shared/core/audit/audit-chain';
import { AuditEntityType } from '../../shared/core/audit/audit-entity-type';
import { callApi, type GlobalOptions } from '../api-client';
import { type PageOptions, listPages, moreLine, withPageOptions } from '../list-pages';
import { formatCount, print } from '../output';
import { t } from '../messages';
import { UsageError } from '../usage-error';

type Verification = z.infer<typeof ChainVerification>;

export function registerAudit(program: Command): void {
  const audit = withPageOptions(
    program
      .command('audit')
      .description(t('Jejak audit satu entitas, terlama lebih dulu (atau `audit verify`: apakah jejak telah diubah)'))
      // Not a required option: commander would then demand it of `audit verify` too.
      .option('--entity <type:id>', t('mis. regulation:perwal-tangsel-25-2019 (wajib)')),
  ).action(async (options: { entity?: string } & PageOptions, command: Command) => {
    if (!options.entity) {
      throw new UsageError(t('Sebutkan jejak siapa: --entity JENIS:ID, mis. --entity regulation:perwal-tangsel-25-2019. Untuk memeriksa apakah jejak diubah: npx lindung audit verify.'));
    }
    const entity = entityOption(options.entity);
    const globals = command.optsWithGlobals<GlobalOptions>();
    const listed = await listPages<AuditEvent>(globals, '/audit-events', 'events', { entity }, options);
    print(globals.json, { events: listed.items, nextCursor: listed.nextCursor }, () =>
      listed.items.length === 0 && options.cursor === undefined
        ? [t('Tidak ada kejadian audit untuk {entity}: tidak ada yang tercatat tentangnya. Periksa ID-nya (huruf besar dan kecil dibedakan).', { entity })]
        : [...listed.items.map((e) => `${e.at}  ${e.actor} (${e.actorRoles.join(',')})  ${e.action}  ${e.summary}`), ...moreLine(listed)],
    );
  });

  audit
    .command('verify')
    .description(
      t('Telusuri rantai hash jejak audit tiap peraturan dan sebutkan mata rantai pertama yang putus (kejadian yang diubah atau dihapus, atau rantai yang ditulis ulang sejak kepalanya diekspor); keluar dengan kode 1 bila ada yang putus'),
    )
    .option('--regulation <id>', t('hanya peraturan ini (bawaan: setiap peraturan wilayah Anda)'))
    .action(async (options: { regulation?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const ids = options.regulation ? [options.regulation] : (await listPages<{ id: string }>(globals, '/regulations', 'regulations', {}, {})).items.map((r) => r.id);
      const verified: Verification[] = [];
      for (const id of ids) verified.push(await callApi<Verification>(globals, 'GET', `/regulations/${encodeURIComponent(id)}/audit-chain`, undefined, { retry: true }));
      print(globals.json, { chains: verified }, () => verified.map(describeChain));
      if (verified.some((chain) => chain.broken)) process.exitCode = 1;
    });
}

/** `TYPE:ID` with TYPE one the audit trail knows: a mistyped type would otherwise just find nothing. */
function entityOption(text: string): string {
  const colon = text.indexOf(':');
  const type = colon < 0 ? text : text.slice(0, colon);
  const types = AuditEntityType.options.join(', ');
  if (!AuditEntityType.safeParse(type).success) {
    throw new UsageError(t('"{type}" bukan jenis entitas: --entity JENIS:ID menerima salah satu dari {types} (mis. --entity regulation:perwal-tangsel-25-2019).', { type, types }));
  }
  if (colon < 0 || colon === text.length - 1) throw new UsageError(t('Sebutkan {type} yang mana: --entity {type}:ID.', { type }));
  return text;
}

function describeChain(chain: Verification): string {
  const upTo = chain.verifiedUpTo
    ? t('terverifikasi sampai kejadian {seq} pada {at}', { seq: formatCount(chain.verifiedUpTo.seq), at: chain.verifiedUpTo.at })
    : t('belum ada yang diverifikasi');
  if (chain.broken) {
    return `${chain.regulationId}: ${t('PUTUS pada kejadian {seq}: {reason}', { seq: formatCount(chain.broken.seq), reason: chain.broken.reason })}; ${upTo}`;
  }
  const anchored = chain.anchor ? t(', memegang kejadian {seq} seperti diekspor pada {date}', { seq: formatCount(chain.anchor.seq), date: chain.anchor.date }) : '';
  return `${chain.regulationId}: ${t('{n} kejadian', { n: formatCount(chain.events) })}, ${upTo}${anchored}`;
}
