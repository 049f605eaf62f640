import type { Command } from 'commander';
import type { z } from 'zod';
import type { AuditEvent } from '../../shared/api/schemas';
import type { ChainVerification } from '../../shared/core/audit/audit-chain';
import { callApi, type GlobalOptions } from '../api-client';
import { CliError } from '../cli-config';
import { type PageOptions, listPages, moreLine, withPageOptions } from '../list-pages';
import { formatCount, print } from '../output';

type Verification = z.infer<typeof ChainVerification>;

export function registerAudit(program: Command): void {
  const audit = withPageOptions(
    program
      .command('audit')
      .description('The audit trail of one entity, oldest first (or `audit verify`: whether the trail was tampered with)')
      // Not a required option: commander would then demand it of `audit verify` too.
      .option('--entity <type:id>', 'e.g. regulation:perwal-tangsel-25-2019 (required)'),
  ).action(async (options: { entity?: string } & PageOptions, command: Command) => {
    if (!options.entity) throw new CliError("Name whose trail: --entity TYPE:ID, e.g. --entity regulation:perwal-tangsel-25-2019. To check the trail for tampering: npx lindung audit verify.");
    const globals = command.optsWithGlobals<GlobalOptions>();
    const listed = await listPages<AuditEvent>(globals, '/audit-events', 'events', { entity: options.entity }, options);
    print(globals.json, { events: listed.items, nextCursor: listed.nextCursor }, () => [
      ...listed.items.map((e) => `${e.at}  ${e.actor} (${e.actorRoles.join(',')})  ${e.action}  ${e.summary}`),
      ...moreLine(listed),
    ]);
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

function describeChain(chain: Verification): string {
  const upTo = chain.verifiedUpTo ? `verified up to event ${formatCount(chain.verifiedUpTo.seq)} of ${chain.verifiedUpTo.at}` : 'nothing to verify yet';
  if (chain.broken) return `${chain.regulationId}: BROKEN at event ${formatCount(chain.broken.seq)}: ${chain.broken.reason}; ${upTo}`;
  const anchored = chain.anchor ? `, holding event ${formatCount(chain.anchor.seq)} as exported on ${chain.anchor.date}` : '';
  return `${chain.regulationId}: ${formatCount(chain.events)} events, ${upTo}${anchored}`;
}
