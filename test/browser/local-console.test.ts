import { describe, expect, inject, it } from 'vitest';
import { synthesizeTemplate } from '../../infra/synthesize';

/** How `npm start` serves the console: its files, its config and the local-only sign-in. */

const consoleUrl = (path = '') => `${inject('apiUrl')}/console/${path}`;

describe('the local console', () => {
  it('serves the built console with its security headers, and a config that points at its own origin', async () => {
    const redirect = await fetch(`${inject('apiUrl')}/console`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/console/');

    const index = await fetch(consoleUrl());
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await index.text()).toContain('<script type="module" src="console.js"></script>');
    const bundle = await fetch(consoleUrl('console.js'));
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await bundle.text()).length).toBeGreaterThan(10_000);

    expect(await (await fetch(consoleUrl('config.json'))).json()).toEqual({ apiUrl: '', auth: { kind: 'local' } });
    expect((await fetch(consoleUrl('no-such-file.js'))).status).toBe(404);
  });

  it('signs in a user name, role and region with the local key, and says what is wrong with anything else', async () => {
    const signIn = (body: unknown) => fetch(consoleUrl('local-sign-in'), { method: 'POST', body: JSON.stringify(body) });
    const ok = await signIn({ username: 'siti', role: 'finance', region: '3674' });
    expect(ok.status).toBe(200);
    const { token } = (await ok.json()) as { token: string };
    const me = await fetch(`${inject('apiUrl')}/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ username: 'siti', roles: ['finance'], region: '3674' });

    const bad = await signIn({ username: 'Siti Rahayu', role: 'mayor', region: '3999' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { issues: { path: string }[] };
    expect(body.issues.map((issue) => issue.path)).toEqual(['username', 'role', 'region']);
    expect((await fetch(consoleUrl('local-sign-in'))).status).toBe(405);
  });

  it('exists only locally: the template has no sign-in route, and deploys the console with its runtime config', () => {
    const template = synthesizeTemplate({ bundle: false });
    expect(JSON.stringify(template)).not.toContain('local-sign-in');
    const resources = Object.values(template.Resources);
    const deployment = resources.find((r) => r.Type === 'Custom::CDKBucketDeployment');
    expect(deployment?.Metadata?.['lindung:console-build']).toBe('web/build.ts');
    const bucket = resources.find((r) => r.Type === 'AWS::S3::Bucket');
    expect(bucket?.Properties?.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    const distribution = resources.find((r) => r.Type === 'AWS::CloudFront::Distribution');
    expect(JSON.stringify(distribution?.Properties)).toContain('redirect-to-https');
  });
});
