import { describe, expect, it } from 'vitest';
import { NATIONAL_REGION, RegionCode, mayChange, mayRead, reachOf, reachedProvinces } from '../../shared/core/access/region-reach';
import { keepReached, requireReach } from '../../shared/core/access/require-reach';
import type { Caller } from '../../shared/core/access/roles';
import { ForbiddenError, NotFoundError } from '../../shared/core/errors';
import { provinceCodes } from '../../shared/core/people/regions';
import { requireJurisdictionIsFixed } from '../../shared/core/regulation/jurisdiction-is-fixed';
import { tangselRegulation } from '../support/tangsel';

const caller = (region?: string): Caller => ({ userId: 'u', username: 'siti', roles: ['finance'], ...(region ? { region } : {}) });
const missing = () => new NotFoundError('Regulation x does not exist');

describe('region reach', () => {
  it.each([
    ['3674', '3674', 'own'],
    ['36', '36', 'own'],
    ['36', '3674', 'oversees'],
    ['32', '3674', 'none'],
    ['3674', '36', 'none'],
    ['3674', '3671', 'none'],
    ['3216', '3674', 'none'],
    [NATIONAL_REGION, '3674', 'national'],
    [NATIONAL_REGION, '36', 'national'],
  ])('a user of %s reaches a regulation of %s as %s', (region, jurisdiction, reach) => {
    expect(reachOf(region, jurisdiction)).toBe(reach);
  });

  it('reads with any reach and changes only its own', () => {
    expect([mayRead('own'), mayRead('oversees'), mayRead('national'), mayRead('none')]).toEqual([true, true, true, false]);
    expect([mayChange('own'), mayChange('oversees'), mayChange('national'), mayChange('none')]).toEqual([true, false, false, false]);
  });

  it('lists what reachOf reaches, for every province, a regency and the national scope', () => {
    const listed = (region: string, jurisdiction: string) =>
      reachedProvinces(region).some((list) => list.province === jurisdiction.slice(0, 2) && (list.jurisdiction === undefined || list.jurisdiction === jurisdiction));
    for (const [region, jurisdiction] of [['3674', '3674'], ['3674', '3671'], ['36', '3674'], ['36', '36'], ['32', '3674'], [NATIONAL_REGION, '9471'], ['3216', '32']] as const) {
      expect(listed(region, jurisdiction), `${region} lists ${jurisdiction}`).toBe(mayRead(reachOf(region, jurisdiction)));
    }
    expect(reachedProvinces(NATIONAL_REGION).map((list) => list.province)).toEqual(provinceCodes());
  });

  it('takes Kemendagri codes and ID, and names what is wrong with anything else', () => {
    expect(['3674', '36', 'ID'].map((code) => RegionCode.safeParse(code).success)).toEqual([true, true, true]);
    expect(RegionCode.safeParse('3699').error?.issues[0]?.message).toContain('not a Kemendagri');
    expect(RegionCode.safeParse('id').success).toBe(false);
    expect(RegionCode.safeParse('367401').success).toBe(false);
  });

  it('answers a region it does not reach, and a caller of no region, exactly as a missing regulation', () => {
    expect(() => requireReach(caller('3216'), '3674', 'read', missing)).toThrow(missing());
    expect(() => requireReach(caller(), '3674', 'read', missing)).toThrow(NotFoundError);
    expect(() => requireReach(caller('3674'), undefined, 'read', missing)).toThrow(NotFoundError);
    expect(() => requireReach(caller('36'), '3674', 'read', missing)).not.toThrow();
    expect(() => requireReach(caller('3674'), '3674', 'change', missing)).not.toThrow();
  });

  it('lets a province and the national scope read but not change, and says who can', () => {
    expect(() => requireReach(caller('36'), '3674', 'change', missing)).toThrow(ForbiddenError);
    expect(() => requireReach(caller(NATIONAL_REGION), '3674', 'change', missing)).toThrow(/only users of 3674 Kota Tangerang Selatan can/);
  });

  it('keeps the items of reached regulations, in order', async () => {
    const jurisdictions: Record<string, string> = { tangsel: '3674', bekasi: '3216', banten: '36' };
    const items = [{ r: 'tangsel' }, { r: 'bekasi' }, { r: 'banten' }, { r: 'gone' }, { r: undefined }];
    const kept = (region?: string) => keepReached(items, (item) => item.r, caller(region), async (id) => jurisdictions[id]);
    expect(await kept('3674')).toEqual([{ r: 'tangsel' }]);
    expect(await kept('36')).toEqual([{ r: 'tangsel' }, { r: 'banten' }]);
    expect(await kept(NATIONAL_REGION)).toEqual([{ r: 'tangsel' }, { r: 'bekasi' }, { r: 'banten' }]);
    expect(await kept()).toEqual([]);
  });

  it("keeps a regulation's jurisdiction through amendments", () => {
    const stored = { ...tangselRegulation('perwal-x'), version: 1, recordedAt: '2026-01-01T00:00:00Z', recordedBy: 'ani' };
    expect(() => requireJurisdictionIsFixed(stored, tangselRegulation('perwal-x'))).not.toThrow();
    expect(() => requireJurisdictionIsFixed(undefined, { ...tangselRegulation('perwal-x'), jurisdiction: '3216' })).not.toThrow();
    expect(() => requireJurisdictionIsFixed(stored, { ...tangselRegulation('perwal-x'), jurisdiction: '3216' })).toThrow(/stays so/);
  });
});
