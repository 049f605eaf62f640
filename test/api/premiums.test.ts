import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api';
import { tangselRegulation } from '../support/tangsel';

let admin: string;
let finance: string;

beforeAll(async () => {
  [admin, finance] = await Promise.all([tokenFor('admin'), tokenFor('finance')]);
});

describe("a regulation's monthly premiums", () => {
  it('is Rp16,800 per Tangsel segment (JKK Rp10,000 + JKM Rp6,800), tied to the rates version', async () => {
    const document = tangselRegulation('perwal-tangsel-premiums');
    await api('PUT', `/regulations/${document.id}`, { token: admin, body: document });
    const response = await api('GET', `/regulations/${document.id}/premiums?month=2027-01`, { token: finance });
    expect(response.status).toBe(200);
    expect(response.body.rateScheduleVersion).toMatch(/^rates-[0-9a-f]{12}$/);
    expect(response.body.segments).toHaveLength(6);
    for (const segment of response.body.segments) {
      expect(segment.monthlyPremium).toBe(16_800);
      expect(segment.lines.map((l: { program: string; amount: number }) => [l.program, l.amount])).toEqual([
        ['JKK', 10_000],
        ['JKM', 6_800],
      ]);
    }
  });

  it('gives PP 50/2025 transport discount to a CSR-paid transport segment but never to an APBD-paid one', async () => {
    const transport = {
      code: 'OJEK',
      name: 'Pengemudi ojek pangkalan',
      category: 'BPU',
      sector: 'transport',
      premiumBasis: { type: 'declared-income', declaredIncome: 1_000_000 },
      eligibility: { minAge: 18, maxAge: 65 },
      targetHeadcount: 500,
      priority: 1,
    };
    const base = { ...tangselRegulation('x'), segments: [transport] };
    const csr = { ...base, id: 'csr-ojek-premiums', payer: 'CSR', wadahCode: 'SB' };
    const apbd = { ...base, id: 'apbd-ojek-premiums' };
    for (const document of [csr, apbd]) {
      expect((await api('PUT', `/regulations/${document.id}`, { token: admin, body: document })).status).toBe(200);
    }
    const premiumOf = async (id: string, month: string) =>
      (await api('GET', `/regulations/${id}/premiums?month=${month}`, { token: finance })).body.segments[0].monthlyPremium;
    expect(await premiumOf(csr.id, '2026-06')).toBe(8_400);
    expect(await premiumOf(csr.id, '2027-04')).toBe(16_800);
    expect(await premiumOf(apbd.id, '2026-06')).toBe(16_800);
  });

  it('needs a month written YYYY-MM', async () => {
    const response = await api('GET', '/regulations/perwal-tangsel-premiums/premiums?month=Jan', { token: finance });
    expect(response.status).toBe(400);
    expect(response.body.issues[0].path).toBe('query.month');
  });
});
