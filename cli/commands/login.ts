import type { Command } from 'commander';
import { NATIONAL_REGION, RegionCode, describeRegion } from '../../shared/core/access/region-reach';
import { ROLES, Role } from '../../shared/core/access/roles';
import { readLocalAuthConfig } from '../../shared/runtime/local-auth/local-auth-config';
import { signLocalToken } from '../../shared/runtime/local-auth/local-token';
import { CliError, dataDir, saveSession } from '../cli-config';
import { print } from '../output';
import { UsageError } from '../usage-error';

export function registerLogin(program: Command): void {
  program
    .command('login')
    .description('Sign in: locally as any user and role, or with a token issued by the deployed Cognito user pool')
    .option('--as <role>', `role to hold locally (${ROLES.join(', ')})`)
    .option('--user <name>', 'user name to act as locally')
    .option('--region <code>', `your region locally: a Kemendagri code (e.g. 3674 for a city, 36 for its province) or ${NATIONAL_REGION} for a national auditor`)
    .option('--with-token <jwt>', 'store a token from the deployed system instead')
    .action(async (options: { as?: string; user?: string; region?: string; withToken?: string }, command: Command) => {
      const { json } = command.optsWithGlobals<{ json?: boolean }>();
      if (options.withToken) {
        saveSession({ token: options.withToken });
        print(json, { saved: true }, () => ['Token saved.']);
        return;
      }
      const role = Role.safeParse(options.as);
      if (!role.success || !options.user || !options.region) {
        throw new UsageError(`Say who you are: --as ${ROLES.join('|')} --user NAME --region CODE (e.g. --as finance --user siti --region 3674).`);
      }
      const region = RegionCode.safeParse(options.region);
      if (!region.success) throw new UsageError(`--region ${options.region} ${region.error.issues[0]!.message}.`);
      if (region.data === NATIONAL_REGION && role.data !== 'auditor') {
        throw new UsageError(`The national scope (${NATIONAL_REGION}) is for auditors: it reads every region and changes none. Use --as auditor, or a region code.`);
      }
      const config = readLocalAuthConfig(dataDir());
      if (!config) throw new CliError('The local system has not been started here yet. Run `npm start` first.');
      const token = await signLocalToken(dataDir(), {
        username: options.user,
        roles: [role.data],
        region: region.data,
        issuer: config.issuer,
        audience: config.audience,
      });
      saveSession({ token, username: options.user, roles: [role.data], region: region.data });
      print(json, { token, username: options.user, roles: [role.data], region: region.data }, () => [
        `Signed in locally as ${options.user} (${role.data}, ${describeRegion(region.data)}). The token is saved for later commands; it is valid for 12 hours.`,
      ]);
    });
}
