import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectLockRetention, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Schedule } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { CHAIN_HEADS_PREFIX } from '../../shared/adapters/audit-export/chain-head-keys';
import { acknowledgeIndexGrants } from './acknowledge-index-grants';
import type { DataTables } from './data-tables';
import { HandlerFunction } from './handler-function';
import { WorkflowStateMachine } from './workflow-state-machine';
import { dailySchedule } from './daily-schedule';

/**
 * How long no one may delete or overwrite an export. Compliance mode cannot be shortened or
 * lifted by anyone, the account's root user included, until it runs out. Ten years (in days,
 * leap days counted) because Indonesian rules keep financial records and their supporting
 * documents ten years (UU 8/1997 on company documents), and the audit trail these exports pin
 * records the decisions behind public money: budgets, enrollments, the insurer's bills and their payment.
 */
const RETENTION = Duration.days(3653);

/**
 * The daily export of every regulation's audit chain head (docs/data-model.md): at 03:00
 * Asia/Jakarta (after renewal's 01:00 check and the arrears watch at 02:00, whose events it then
 * pins), the ChainHeadExport workflow writes that day's heads to a bucket under Object Lock in
 * compliance mode. Anyone able to rewrite the Audit table still cannot rewrite what was
 * exported, so a chain rewritten whole since shows against its exported head
 * (`GET /regulations/{id}/audit-chain`).
 *
 * The export function may read the tables and put objects, never delete one; the verification
 * route may list and read them. Locally the same workflow writes to a directory instead
 * (AUDIT_EXPORT_DIR, set by the local stack).
 */
export class AuditExport extends Construct {
  readonly bucket: Bucket;
  readonly workflow: WorkflowStateMachine;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: { tables: DataTables }) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Archive', {
      // Object Lock keeps versions; a bucket with it is versioned, and stays so.
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(RETENTION),
      versioned: true,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Deleting the stack must not try to take the archive with it (it could not, while objects are locked).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason:
        'One small object a day, written by one function and read by one route, and locked in compliance mode: no request can change or remove it. ' +
        'Server access logs would need a second bucket, itself unlogged.',
    });

    // Not workflowTaskFunction: the export writes neither table, only reads them.
    const exportFn = new HandlerFunction(this, 'ExportFunction', {
      entry: 'functions/audit/export-chain-heads.ts',
      description: "Audit: the daily export of every regulation's chain head to the locked bucket",
      timeout: Duration.minutes(5),
      environment: {
        MAIN_TABLE: props.tables.main.tableName,
        AUDIT_TABLE: props.tables.audit.tableName,
        ...this.environment(),
      },
    });
    props.tables.main.grantReadData(exportFn);
    props.tables.audit.grantReadData(exportFn);
    acknowledgeIndexGrants(exportFn, [props.tables.main, props.tables.audit]);
    Grant.addToPrincipal({ grantee: exportFn, actions: ['s3:PutObject'], resourceArns: [this.exportObjects()] });
    Validations.of(exportFn).acknowledge(this.objectsWildcard('The export puts one object a day, named by its date'));

    const exportHeads = new LambdaInvoke(this, 'ExportChainHeads', { lambdaFunction: exportFn, payloadResponseOnly: true });
    exportHeads.addRetry({ errors: ['States.TaskFailed'], interval: Duration.seconds(10), backoffRate: 2, maxAttempts: 3 });
    this.workflow = new WorkflowStateMachine(this, 'ChainHeadExport', {
      comment: "Daily export of every regulation's audit chain head to a bucket under Object Lock",
      definition: exportHeads,
      timeout: Duration.minutes(15),
      functions: [exportFn],
    });
    // A day missed for good leaves a gap between two exports, not a hole in what they pin.
    this.schedule = dailySchedule(this, 'DailyExport', {
      description: 'Lindung: the daily export of the audit chain heads, 03:00 in Jakarta',
      hour: 3,
      workflow: this.workflow.stateMachine,
    });
  }

  /** Where a function finds the exports. */
  environment(): Record<string, string> {
    return { AUDIT_EXPORT_BUCKET: this.bucket.bucketName };
  }

  /** Lets a function read the exports (list the bucket, get an object), and nothing else. */
  grantRead(grantee: IGrantable & Construct): void {
    Grant.addToPrincipal({ grantee, actions: ['s3:ListBucket'], resourceArns: [this.bucket.bucketArn] });
    Grant.addToPrincipal({ grantee, actions: ['s3:GetObject'], resourceArns: [this.exportObjects()] });
    Validations.of(grantee).acknowledge(this.objectsWildcard('Verification reads the latest export, one object a day named by its date'));
  }

  private exportObjects(): string {
    return this.bucket.arnForObjects(`${CHAIN_HEADS_PREFIX}*`);
  }

  private objectsWildcard(why: string): { id: string; reason: string } {
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    return { id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${CHAIN_HEADS_PREFIX}*]`, reason: `${why}, under ${CHAIN_HEADS_PREFIX} in this one bucket.` };
  }
}
