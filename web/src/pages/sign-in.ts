import type { Role } from '../../../shared/core/access/roles';
import { startCognitoSignIn } from '../auth/cognito-sign-in';
import { localSignIn } from '../auth/local-sign-in';
import { field, h, notice, replace, select } from '../dom';
import { t } from '../i18n';
import { ROLE_LABELS } from '../layout';
import type { PageContext } from '../main';

export async function signInPage(main: HTMLElement, { config }: PageContext): Promise<void> {
  const heading = h('h1', { tabindex: '-1' }, t('Masuk ke Lindung'));
  if (config.auth.kind === 'cognito') {
    const auth = config.auth;
    replace(
      main,
      heading,
      h('p', {}, t('Masuk dengan akun Lindung Anda (kata sandi dan kode MFA).')),
      h('button', { type: 'button', class: 'primary', onclick: () => void startCognitoSignIn(auth) }, t('Masuk')),
    );
    return;
  }
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, value: '' });
  const role = select('role', (Object.keys(ROLE_LABELS) as Role[]).map((r) => [r, t(ROLE_LABELS[r])] as const), 'finance');
  const region = h('input', { name: 'region', autocomplete: 'off', required: true, value: '3674', inputmode: 'text', maxlength: '4' });
  const errors = h('div', {});
  const form = h(
    'form',
    { class: 'card narrow' },
    field(t('Nama pengguna'), username, t('Contoh: siti')),
    field(t('Peran'), role),
    field(t('Wilayah'), region, t('Kode wilayah Kemendagri: 3674 (kota), 36 (provinsi), atau ID untuk auditor nasional')),
    h('button', { type: 'submit', class: 'primary' }, t('Masuk')),
    errors,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    localSignIn(username.value.trim(), role.value as Role, region.value.trim()).catch((error: unknown) => replace(errors, notice('alert', (error as Error).message)));
  });
  replace(main, heading, h('p', {}, t('Sistem lokal (npm start): pilih nama pengguna, peran dan wilayah. Di AWS, Anda masuk melalui Cognito.')), form);
}
