import { describeRegion } from '../../shared/core/access/region-reach';
import type { Role } from '../../shared/core/access/roles';
import { cognitoSignOutUrl } from './auth/cognito-sign-in';
import type { ConsoleConfig } from './config';
import { h, replace } from './dom';
import { language, setLanguage, t, type Text } from './i18n';
import type { Route } from './router';
import { currentSession, signOut } from './session';

/** The menu: each role sees the pages of its work. */
const MENU: readonly { route: string; label: Text; roles: readonly Role[] }[] = [
  { route: '', label: 'Dasbor', roles: ['admin', 'finance', 'auditor'] },
  { route: 'peraturan', label: 'Peraturan', roles: ['admin', 'auditor'] },
  { route: 'impor', label: 'Impor roster', roles: ['admin'] },
  { route: 'usulan', label: 'Usulan anggaran', roles: ['admin', 'finance', 'auditor'] },
  { route: 'pendaftaran', label: 'Pendaftaran', roles: ['admin', 'auditor'] },
  { route: 'perpanjangan', label: 'Perpanjangan', roles: ['admin', 'auditor'] },
  { route: 'simulasi', label: 'Simulasi', roles: ['admin', 'finance', 'auditor'] },
  { route: 'iuran', label: 'Iuran & rekonsiliasi', roles: ['admin', 'finance', 'auditor'] },
  { route: 'audit', label: 'Jejak audit', roles: ['auditor', 'admin'] },
];

/** Every role, as people call it (a Record, so a new role cannot be left out of the sign-in list). */
export const ROLE_LABELS: Record<Role, Text> = { admin: 'Admin', finance: 'Keuangan (BPKAD)', auditor: 'Auditor' };

export function renderHeader(top: HTMLElement, config: ConsoleConfig, route: Route): void {
  const session = currentSession();
  const toggle = h(
    'button',
    { type: 'button', class: 'language', lang: language() === 'id' ? 'en' : 'id', onclick: () => setLanguage(language() === 'id' ? 'en' : 'id') },
    language() === 'id' ? 'English' : 'Bahasa Indonesia',
  );
  const menu = session
    ? h(
        'nav',
        { 'aria-label': t('Menu utama') },
        h(
          'ul',
          {},
          ...MENU.filter((item) => session.roles.some((role) => item.roles.includes(role))).map((item) =>
            h('li', {}, h('a', { href: `#/${item.route}`, 'aria-current': activeMenu(route) === item.route ? 'page' : undefined }, t(item.label))),
          ),
        ),
      )
    : undefined;
  const user = session
    ? h(
        'div',
        { class: 'user' },
        h('span', {}, `${session.username} · ${session.roles.map((role) => t(ROLE_LABELS[role])).join(', ')}${session.region ? ` · ${describeRegion(session.region)}` : ''}`),
        h('button', { type: 'button', onclick: () => signOutOf(config) }, t('Keluar')),
      )
    : undefined;
  replace(top, h('a', { class: 'skip', href: '#main', onclick: skipToMain }, t('Langsung ke isi')), h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◆'), ' Lindung'), menu, h('div', { class: 'tools' }, toggle, user));
}

/** Detail pages light up the menu entry they belong to. */
function activeMenu(route: Route): string {
  if (route.name === 'keputusan' || route.name === 'dokumen') return 'usulan';
  if (route.name === 'tagihan') return 'iuran';
  return route.name;
}

function signOutOf(config: ConsoleConfig): void {
  signOut();
  if (config.auth.kind === 'cognito') location.assign(cognitoSignOutUrl(config.auth));
}

function skipToMain(event: Event): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
