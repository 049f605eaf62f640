import { setApiBase } from './api-client';
import { completeCognitoSignIn } from './auth/cognito-sign-in';
import { type ConsoleConfig, loadConfig } from './config';
import { h, notice, replace } from './dom';
import { onLanguageChange, t } from './i18n';
import { renderHeader } from './layout';
import { auditPage } from './pages/audit';
import { dashboardPage } from './pages/dashboard';
import { documentPage } from './pages/budget-document';
import { enrollmentPage } from './pages/enrollment';
import { proposalPage } from './pages/proposal';
import { proposalsPage } from './pages/proposals';
import { regulationPage } from './pages/regulation';
import { remittancePage } from './pages/remittance';
import { remittanceBillPage } from './pages/remittance-bill';
import { renewalPage } from './pages/renewal';
import { rosterPage } from './pages/roster';
import { signInPage } from './pages/sign-in';
import { simulationPage } from './pages/simulation';
import { currentRoute, type Route } from './router';
import { currentSession, onSessionChange } from './session';
import type { Role } from '../../shared/core/access/roles';

export interface PageContext {
  readonly config: ConsoleConfig;
  readonly route: Route;
}

type Page = (main: HTMLElement, context: PageContext) => Promise<void>;

/** Every page, and who may open it (the API checks again: this only keeps menus honest). */
const PAGES: Record<string, { page: Page; roles: readonly Role[] }> = {
  '': { page: dashboardPage, roles: ['admin', 'finance', 'auditor'] },
  peraturan: { page: regulationPage, roles: ['admin', 'finance', 'auditor'] },
  impor: { page: rosterPage, roles: ['admin', 'finance', 'auditor'] },
  usulan: { page: proposalsPage, roles: ['admin', 'finance', 'auditor'] },
  keputusan: { page: proposalPage, roles: ['admin', 'finance', 'auditor'] },
  dokumen: { page: documentPage, roles: ['admin', 'finance', 'auditor'] },
  pendaftaran: { page: enrollmentPage, roles: ['admin', 'finance', 'auditor'] },
  perpanjangan: { page: renewalPage, roles: ['admin', 'finance', 'auditor'] },
  iuran: { page: remittancePage, roles: ['admin', 'finance', 'auditor'] },
  tagihan: { page: remittanceBillPage, roles: ['admin', 'finance', 'auditor'] },
  simulasi: { page: simulationPage, roles: ['admin', 'finance', 'auditor'] },
  audit: { page: auditPage, roles: ['admin', 'finance', 'auditor'] },
};

let rendering = 0;

async function render(config: ConsoleConfig): Promise<void> {
  const ticket = ++rendering;
  const main = document.getElementById('main')!;
  const route = currentRoute();
  const session = currentSession();
  renderHeader(document.getElementById('top')!, config, route);
  // Each page draws into its own container, shown once its first view is ready; a page the
  // user has already left by then (a slower, earlier render) is never shown over the current one.
  const view = h('div', { class: 'view' });
  const show = () => {
    if (ticket !== rendering) return;
    main.replaceChildren(view);
    // Move focus to the new page's heading, so keyboard and screen-reader users start there.
    view.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  };
  if (!session) {
    await signInPage(view, { config, route });
    show();
    return;
  }
  const entry = PAGES[route.name];
  if (!entry || !session.roles.some((role) => entry.roles.includes(role))) {
    replace(view, h('h1', { tabindex: '-1' }, t('Halaman tidak ditemukan')), h('p', {}, h('a', { href: '#/' }, t('Kembali ke dasbor'))));
    show();
    return;
  }
  replace(main, h('p', { class: 'loading', role: 'status' }, t('Memuat…')));
  try {
    await entry.page(view, { config, route });
  } catch (error) {
    replace(view, h('h1', { tabindex: '-1' }, t('Terjadi kesalahan')), notice('alert', error instanceof Error ? error.message : String(error)));
  }
  show();
}

async function start(): Promise<void> {
  const config = await loadConfig();
  setApiBase(config.apiUrl);
  if (config.auth.kind === 'cognito') await completeCognitoSignIn(config.auth);
  const rerender = () => void render(config);
  window.addEventListener('hashchange', rerender);
  onSessionChange(rerender);
  onLanguageChange(rerender);
  rerender();
}

start().catch((error: unknown) => {
  replace(document.getElementById('main')!, notice('alert', error instanceof Error ? error.message : String(error)));
});
