import type { Command } from 'commander';
import type { z } from 'zod';
import type { AuditEvent } from '../../shared/api/schemas';
import type { ChainVerification } from '../../shared/core/audit/audit-chain';
import { AuditEntityType } from '../../shared/core/audit/audit-entity-type';
import { callApi, type GlobalOptions } from '../api-client';
import { type PageOptions, listPages, moreLine, withPageOptions } from '../list-pages';
import { formatCount, print } from '../output';
import { UsageError } from '../usage-error';

type Verification = z.infer<typeof ChainVerification>;

export function registerAudit(program: Command): void {
  const audit = withPageOptions(
    program
      .command('audit')
      .description('The audit trail of one entity, oldest first (or `audit verify`: whether the trail was tampered with)')
      // Not a required option: commander would then demand it of `audit verify` too.
      .option('--entity <type:id>', 'e.g. regulation:perwal-tangsel-25-2019 (required)'),
  ).action(async (options: { entity?: string } & PageOptions, command: Command) => {
    if (!options.entity) throw new UsageError("Name whose trail: --entity TYPE:ID, e.g. --entity regulation:perwal-tangsel-25-2019. To check the trail for tampering: npx lindung audit verify.");
    const entity = entityOption(options.entity);
    const globals = command.optsWithGlobals<GlobalOptions>();
    const listed = await listPages<AuditEvent>(globals, '/audit-events', 'events', { entity }, options);
    print(globals.json, { events: listed.items, nextCursor: listed.nextCursor }, () =>
      listed.items.length === 0 && options.cursor === undefined
        ? [`No audit events for ${entity}: nothing was recorded about it. Check the ID (IDs are case-sensitive).`]
        : [...listed.items.map((e) => `${e.at}  ${e.actor} (${e.actorRoles.join(',')})  ${e.action}  ${e.summary}`), ...moreLine(listed)],
    );
  });

  audit
    .command('verify')
    .description("Walk each regulation's hash-chained audit trail and name the first broken link (an event edited or deleted, or the chain rewritten since its head was exported); exits 1 if any is broken")
    .option('--regulation <id>', 'only this regulation (default: every regulation)')
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
    throw new UsageError(`"${type}" is not an entity type: --entity TYPE:ID takes one of ${types} (e.g. --entity regulation:perwal-tangsel-25-2019).`);
  }
  if (colon < 0 || colon === text.length - 1) throw new UsageError(`Name which ${type}: --entity ${type}:ID.`);
  return text;
}

function describeChain(chain: Verification): string {
  const upTo = chain.verifiedUpTo ? `verified up to event ${formatCount(chain.verifiedUpTo.seq)} of ${chain.verifiedUpTo.at}` : 'nothing to verify yet';
  if (chain.broken) return `${chain.regulationId}: BROKEN at event ${formatCount(chain.broken.seq)}: ${chain.broken.reason}; ${upTo}`;
  const anchored = chain.anchor ? `, holding event ${formatCount(chain.anchor.seq)} as exported on ${chain.anchor.date}` : '';
  return `${chain.regulationId}: ${formatCount(chain.events)} events, ${upTo}${anchored}`;
}
