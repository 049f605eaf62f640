import type { Command } from 'commander';
import { ROLES, Role } from '../../shared/core/access/roles';
import { readLocalAuthConfig } from '../../shared/runtime/local-auth/local-auth-config';
import { signLocalToken } from '../../shared/runtime/local-auth/local-token';
import { CliError, dataDir, saveSession } from '../cli-config';
import { print } from '../output';

export function registerLogin(program: Command): void {
  program
    .command('login')
    .description('Sign in: locally as any user and role, or with a token issued by the deployed Cognito user pool')
    .option('--as <role>', `role to hold locally (${ROLES.join(', ')})`)
    .option('--user <name>', 'user name to act as locally')
    .option('--with-token <jwt>', 'store a token from the deployed system instead')
    .action(async (options: { as?: string; user?: string; withToken?: string }, command: Command) => {
      const { json } = command.optsWithGlobals<{ json?: boolean }>();
      if (options.withToken) {
        saveSession({ token: options.withToken });
        print(json, { saved: true }, () => ['Token saved.']);
        return;
      }
      const role = Role.safeParse(options.as);
      if (!role.success || !options.user) {
        throw new CliError(`Say who you are: --as ${ROLES.join('|')} --user NAME (e.g. --as finance --user siti).`);
      }
      const config = readLocalAuthConfig(dataDir());
      if (!config) throw new CliError('The local system has not been started here yet. Run `npm start` first.');
      const token = await signLocalToken(dataDir(), {
        username: options.user,
        roles: [role.data],
        issuer: config.issuer,
        audience: config.audience,
      });
      saveSession({ token, username: options.user, roles: [role.data] });
      print(json, { token, username: options.user, roles: [role.data] }, () => [
        `Signed in locally as ${options.user} (${role.data}). The token is saved for later commands; it is valid for 12 hours.`,
      ]);
    });
}
