import { h, notice, replace } from '../dom';
import { t } from '../i18n';
import type { PageContext } from '../main';

/**
 * RENEWAL (issue 6): the yearly renewal's diffs against last year's cover belong here. Its API is
 * being built; until its routes exist this page says so rather than guessing at them.
 */
export async function renewalPage(main: HTMLElement, _context: PageContext): Promise<void> {
  replace(
    main,
    h('h1', { tabindex: '-1' }, t('Perpanjangan tahunan')),
    notice('status', t('Perbedaan perpanjangan (siapa tetap, keluar, dan baru dibanding tahun lalu) akan tampil di sini setelah API perpanjangan tersedia.')),
  );
}
