import { inject } from 'vitest';
import { readLocalAuthConfig } from '../../shared/runtime/local-auth/local-auth-config';
import { signLocalToken } from '../../shared/runtime/local-auth/local-token';
import type { Role } from '../../shared/core/access/roles';
import { TEST_REGION, api } from './api';

/** A token for one user holding several roles (Cognito allows a user in several groups). */
export async function tokenWithRoles(username: string, roles: Role[], region = TEST_REGION): Promise<string> {
  const dataDir = inject('dataDir');
  return signLocalToken(dataDir, { ...readLocalAuthConfig(dataDir)!, username, roles, region });
}

/** Requests a proposal and waits until the workflow has computed it. */
export async function propose(token: string, body: Record<string, unknown>): Promise<any> {
  const requested = await api('POST', '/proposals', { token, body: { clientToken: `token-${Math.random().toString(36).slice(2, 12)}`, ...body } });
  if (requested.status !== 202) throw new Error(`propose answered ${requested.status}: ${JSON.stringify(requested.body)}`);
  return waitForProposal(token, requested.body.proposalId, ['computing']);
}

/** Polls a proposal while it is in one of `statuses`. */
export async function waitForProposal(token: string, proposalId: string, statuses: string[]): Promise<any> {
  for (let i = 0; i < 300; i++) {
    const response = await api('GET', `/proposals/${proposalId}`, { token });
    if (!statuses.includes(response.body.status)) return response.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`proposal ${proposalId} stayed ${statuses.join('/')}`);
}
