import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocalAuthConfig, writeLocalAuthConfig } from '../../shared/runtime/local-auth/local-auth-config';
import { signLocalToken, stableUserId, verifyLocalToken } from '../../shared/runtime/local-auth/local-token';

const config = { issuer: 'https://cognito-idp.ap-southeast-3.amazonaws.com/UsersPool', audience: 'ConsoleClient' };
const expected = { issuer: config.issuer, audience: [config.audience] };
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-local-auth-'));
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('local tokens', () => {
  it('carry the claims of a Cognito ID token', async () => {
    const token = await signLocalToken(dataDir, { ...config, username: 'siti', roles: ['finance', 'auditor'], region: '3674' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      sub: stableUserId('siti'),
      'cognito:username': 'siti',
      'cognito:groups': ['finance', 'auditor'],
      'custom:region': '3674',
      token_use: 'id',
      iss: config.issuer,
      aud: config.audience,
    });
    expect(claims.exp! - claims.iat!).toBe(12 * 60 * 60);
    expect(claims.auth_time).toBe(claims.iat);
    expect(decodeProtectedHeader(token).alg).toBe('ES256');
    await expect(verifyLocalToken(dataDir, token, expected)).resolves.toMatchObject({ 'cognito:username': 'siti' });
  });

  it('give each user one stable v5 UUID as sub', () => {
    expect(stableUserId('ani')).toBe(stableUserId('ani'));
    expect(stableUserId('ani')).not.toBe(stableUserId('siti'));
    expect(stableUserId('ani')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('are refused when expired, for another audience or issuer, or signed with another key', async () => {
    const otherDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-local-auth-other-'));
    try {
      const user = { username: 'ani', roles: ['admin'] as const, region: '3674' };
      for (const token of [
        await signLocalToken(dataDir, { ...config, ...user, ttlSeconds: -60 }),
        await signLocalToken(dataDir, { ...config, ...user, audience: 'OtherClient' }),
        await signLocalToken(dataDir, { ...config, ...user, issuer: 'https://elsewhere' }),
        await signLocalToken(otherDir, { ...config, ...user }),
      ]) {
        await expect(verifyLocalToken(dataDir, token, expected)).rejects.toThrow();
      }
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('keep the private key readable by its owner only', () => {
    expect(statSync(path.join(dataDir, 'keys', 'local-auth.jwk')).mode & 0o777).toBe(0o600);
  });
});

describe('local-auth.json', () => {
  it('is undefined before the stack has run, and round-trips after', async () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'lindung-local-auth-config-'));
    try {
      expect(readLocalAuthConfig(fresh)).toBeUndefined();
      await writeLocalAuthConfig(fresh, config);
      expect(readLocalAuthConfig(fresh)).toEqual(config);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
