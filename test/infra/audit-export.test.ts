import { beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_METADATA_KEY } from '../../infra/constructs/handler-function';
import { type CloudFormationTemplate, synthesizeTemplate } from '../../infra/synthesize';

/**
 * What protects the daily exports of the audit chain heads, read from the template: a bucket
 * under Object Lock in compliance mode that no role of the stack may delete from, and only the
 * export function may write to, create-only.
 */

let template: CloudFormationTemplate;
type Resource = CloudFormationTemplate['Resources'][string] & { DeletionPolicy?: string };

beforeAll(() => {
  template = synthesizeTemplate({ bundle: false });
});

function archive(): [string, Resource] {
  const locked = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::S3::Bucket' && r.Properties?.ObjectLockEnabled);
  expect(locked).toHaveLength(1);
  return locked[0]!;
}

/** Every Allow statement of every IAM policy, with the role(s) it is attached to. */
function statementsReaching(bucketId: string): { roles: string[]; actions: string[] }[] {
  return Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .flatMap((policy) => {
      const roles = ((policy.Properties?.Roles ?? []) as { Ref: string }[]).map((role) => role.Ref);
      const statements = (policy.Properties?.PolicyDocument as { Statement: { Effect: string; Action: string | string[]; Resource: unknown }[] }).Statement;
      return statements
        .filter((s) => s.Effect === 'Allow' && (JSON.stringify(s.Resource).includes(`"${bucketId}"`) || (JSON.stringify(s.Resource) === '"*"' && [s.Action].flat().some((a) => a.startsWith('s3:')))))
        .map((s) => ({ roles, actions: [s.Action].flat() }));
    });
}

/** The role of the function whose handler module is `entry`. */
function roleOf(entry: string): string {
  const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.[ENTRY_METADATA_KEY] === entry);
  return (fn?.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
}

describe('the audit export archive', () => {
  it('is locked in compliance mode for ten years, versioned, encrypted, private, TLS only, and kept when the stack goes', () => {
    const [id, bucket] = archive();
    expect(bucket.Properties?.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3653 } } });
    expect(bucket.Properties?.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties?.BucketEncryption).toBeDefined();
    expect(bucket.Properties?.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.DeletionPolicy).toBe('Retain');
    const policy = Object.values(template.Resources).find((r) => r.Type === 'AWS::S3::BucketPolicy' && JSON.stringify(r.Properties?.Bucket) === JSON.stringify({ Ref: id }));
    expect(JSON.stringify(policy?.Properties?.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('lets the export function put objects and the verification route read them, and no role delete or unlock one', () => {
    const [id] = archive();
    const grants = statementsReaching(id);
    const exporter = roleOf('functions/audit/export-chain-heads.ts');
    const verifier = roleOf('functions/audit/verify-chain.ts');
    expect(grants.flatMap((g) => g.actions).filter((action) => !['s3:PutObject', 's3:GetObject', 's3:ListBucket'].includes(action))).toEqual([]);
    expect(grants.filter((g) => g.actions.includes('s3:PutObject')).flatMap((g) => g.roles)).toEqual([exporter]);
    expect(new Set(grants.filter((g) => !g.actions.includes('s3:PutObject')).flatMap((g) => g.roles))).toEqual(new Set([verifier]));
    // The verification route's role is its own: no other route reads the exports.
    const sharing = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function' && JSON.stringify(r.Properties?.Role).includes(`"${verifier}"`));
    expect(sharing).toHaveLength(1);
  });

  it('is exported daily at 03:00 in Jakarta by a schedule that starts the export workflow', () => {
    const schedules = Object.entries(template.Resources).filter(([id, r]) => r.Type === 'AWS::Scheduler::Schedule' && id.startsWith('AuditExport'));
    expect(schedules).toHaveLength(1);
    expect(schedules[0]![1].Properties).toMatchObject({ ScheduleExpression: 'cron(0 3 * * ? *)', ScheduleExpressionTimezone: 'Asia/Jakarta' });
  });
});
