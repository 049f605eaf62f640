import type { Proposal } from '../../../shared/api/budget-schemas';
import { budgetDocumentHtml, budgetDocumentSheet } from '../../../shared/documents/budget-document';
import { apiGet } from '../api-client';
import { h, replace } from '../dom';
import { exportButtons } from '../export/export-buttons';
import { t } from '../i18n';
import type { PageContext } from '../main';
import { href } from '../router';

/** The printable budget document: the same page and rows `npx lindung budget show -o` writes. */
export async function documentPage(main: HTMLElement, { route }: PageContext): Promise<void> {
  const proposalId = route.params[0] ?? '';
  const proposal = await apiGet<Proposal>(`/proposals/${encodeURIComponent(proposalId)}`);
  const html = budgetDocumentHtml(proposal, { generatedAt: new Date().toISOString() });
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
  const frame = h('iframe', { src: url, title: t('Dokumen anggaran {id}', { id: proposal.proposalId }), class: 'document' });
  replace(
    main,
    h('h1', { tabindex: '-1' }, t('Dokumen anggaran'), ' ', h('small', {}, proposal.proposalId)),
    h(
      'p',
      { class: 'actions' },
      h('a', { href: href('keputusan', proposal.proposalId) }, t('Kembali ke usulan')),
      h('button', { type: 'button', class: 'primary', onclick: () => frame.contentWindow?.print() }, t('Cetak')),
    ),
    exportButtons(`anggaran-${proposal.year}-${proposal.proposalId}`, 'Anggaran', () => budgetDocumentSheet(proposal)),
    frame,
  );
  window.addEventListener('hashchange', () => URL.revokeObjectURL(url), { once: true });
}
