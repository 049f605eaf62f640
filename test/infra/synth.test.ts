import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { ENTRY_METADATA_KEY } from '../../infra/constructs/handler-function';
import { buildApp, synthesize, synthesizeTemplate } from '../../infra/synthesize';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

describe('the CDK app', () => {
  it('synthesizes with cdk-nag AwsSolutions checks and no unacknowledged finding', () => {
    const template = synthesizeTemplate({ bundle: false, outdir: mkdtempSync(path.join(os.tmpdir(), 'lindung-synth-')) });
    expect(Object.keys(template.Resources).length).toBeGreaterThan(20);
  });

  it('fails synthesis on an unacknowledged AwsSolutions finding, even one cdk-nag rates a warning', () => {
    const { app, stack } = buildApp({ bundle: false, outdir: mkdtempSync(path.join(os.tmpdir(), 'lindung-nag-')) });
    // No point-in-time recovery: AwsSolutions-DDB3, a warning.
    new Table(stack, 'Unjustified', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    expect(() => synthesize(app)).toThrow(/AwsSolutions-DDB3 \(warning\) at Lindung\/Unjustified/);
  });

  it('runs every handler on Node 24 and protects every non-public route with the JWT authorizer', () => {
    const template = synthesizeTemplate({ bundle: false });
    const resources = Object.values(template.Resources);
    const functions = resources.filter((r) => r.Type === 'AWS::Lambda::Function');
    const handlers = functions.filter((r) => r.Metadata?.[ENTRY_METADATA_KEY]);
    expect(handlers.length).toBeGreaterThan(0);
    for (const fn of handlers) expect(fn.Properties?.Runtime).toBe('nodejs24.x');
    // The only other function is CDK's BucketDeployment provider, which CloudFormation runs while deploying the console.
    expect(functions.length - handlers.length).toBe(1);
    const routes = resources.filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
    const unauthenticated = routes.filter((r) => r.Properties?.AuthorizationType !== 'JWT').map((r) => r.Properties?.RouteKey);
    expect(unauthenticated).toEqual(['GET /openapi.json']);
  });

  it('is readable by the pinned aws-cdk CLI (`npx cdk synth`, with bundling)', async () => {
    const outdir = mkdtempSync(path.join(os.tmpdir(), 'lindung-cdk-'));
    await promisify(execFile)(path.join(repoRoot, 'node_modules', '.bin', 'cdk'), ['synth', '--quiet', '--output', outdir], {
      cwd: repoRoot,
      timeout: 240_000,
    });
    const template = JSON.parse(readFileSync(path.join(outdir, 'Lindung.template.json'), 'utf8'));
    expect(template.Resources).toBeDefined();
    // The web console is bundled into its own asset, uploaded to S3 by the BucketDeployment.
    const consoleAssets = readdirSync(outdir).filter((name) => name.startsWith('asset.') && existsSync(path.join(outdir, name, 'console.js')));
    expect(consoleAssets).toHaveLength(1);
    expect(readdirSync(path.join(outdir, consoleAssets[0]!)).sort()).toEqual(['console.css', 'console.js', 'console.js.map', 'index.html']);
  }, 300_000);
});
