import type { Command } from 'commander';
import { NATIONAL_REGION, RegionCode, describeRegion } from '../../shared/core/access/region-reach';
import { ROLES, Role } from '../../shared/core/access/roles';
import { readLocalAuthConfig } from '../../shared/runtime/local-auth/local-auth-config';
import { signLocalToken } from '../../shared/runtime/local-auth/local-token';
import { CliError, dataDir, saveSession } from '../cli-config';
import { t } from '../messages';
import { print } from '../output';
import { UsageError } from '../usage-error';

export function registerLogin(program: Command): void {
  program
    .command('login')
    .description(t('Masuk: secara lokal sebagai pengguna, peran dan wilayah mana pun, atau dengan token dari user pool Cognito yang di-deploy'))
    .option('--as <role>', t('peran yang dipegang secara lokal ({roles})', { roles: ROLES.join(', ') }))
    .option('--user <name>', t('nama pengguna secara lokal'))
    .option('--region <code>', t('wilayah Anda secara lokal: kode Kemendagri (mis. 3674 untuk kota, 36 untuk provinsinya) atau {national} untuk auditor nasional', { national: NATIONAL_REGION }))
    .option('--with-token <jwt>', t('simpan token dari sistem yang di-deploy'))
    .action(async (options: { as?: string; user?: string; region?: string; withToken?: string }, command: Command) => {
      const { json } = command.optsWithGlobals<{ json?: boolean }>();
      if (options.withToken) {
        saveSession({ token: options.withToken });
        print(json, { saved: true }, () => [t('Token disimpan.')]);
        return;
      }
      const role = Role.safeParse(options.as);
      if (!role.success || !options.user || !options.region) {
        throw new UsageError(t('Sebutkan siapa Anda: --as {roles} --user NAMA --region KODE (mis. --as finance --user siti --region 3674).', { roles: ROLES.join('|') }));
      }
      const region = RegionCode.safeParse(options.region);
      if (!region.success) throw new UsageError(`--region ${options.region} ${region.error.issues[0]!.message}.`);
      if (region.data === NATIONAL_REGION && role.data !== 'auditor') {
        throw new UsageError(t('Cakupan nasional ({national}) untuk auditor: membaca semua wilayah dan tidak mengubah apa pun. Gunakan --as auditor, atau kode wilayah.', { national: NATIONAL_REGION }));
      }
      const config = readLocalAuthConfig(dataDir());
      if (!config) throw new CliError(t('Sistem lokal belum pernah dijalankan di sini. Jalankan `npm start` dulu.'));
      const token = await signLocalToken(dataDir(), {
        username: options.user,
        roles: [role.data],
        region: region.data,
        issuer: config.issuer,
        audience: config.audience,
      });
      saveSession({ token, username: options.user, roles: [role.data], region: region.data });
      print(json, { token, username: options.user, roles: [role.data], region: region.data }, () => [
        t('Masuk secara lokal sebagai {user} ({role}, {region}). Token disimpan untuk perintah berikutnya; berlaku 12 jam.', { user: options.user!, role: role.data, region: describeRegion(region.data) }),
      ]);
    });
}
