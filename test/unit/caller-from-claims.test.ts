import { describe, expect, it } from 'vitest';
import { callerFromClaims } from '../../shared/runtime/http/caller-from-claims';

describe('callerFromClaims', () => {
  it('reads groups as API Gateway stringifies them', () => {
    expect(callerFromClaims({ sub: 'u1', 'cognito:username': 'siti', 'cognito:groups': '[finance auditor]' })).toEqual({
      userId: 'u1',
      username: 'siti',
      roles: ['finance', 'auditor'],
    });
  });

  it('reads groups given as a real array, and ignores groups that are not roles', () => {
    expect(callerFromClaims({ sub: 'u2', username: 'ani', 'cognito:groups': ['admin', 'superuser'] })?.roles).toEqual(['admin']);
  });

  it('has no caller without a subject', () => {
    expect(callerFromClaims(undefined)).toBeUndefined();
    expect(callerFromClaims({ 'cognito:groups': '[admin]' })).toBeUndefined();
  });

  it('gives a user in no group no role', () => {
    expect(callerFromClaims({ sub: 'u3' })).toEqual({ userId: 'u3', username: 'u3', roles: [] });
  });
});
