import { Validations } from 'aws-cdk-lib';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { RouteSpec, WorkflowName } from '../../shared/api/route-spec';
import { acknowledgeIndexGrants } from './acknowledge-index-grants';
import type { AuditExport } from './audit-export';
import type { DataTables } from './data-tables';
import { grantAppendOnly } from './grant-append-only';

/**
 * The execution roles of the route functions: one per access profile (reads only, or writes and
 * the workflows it may start), shared by the routes with exactly that profile. Every function
 * keeps exactly the rights it had with a role of its own; the stack saves two resources per route,
 * which keeps it inside CloudFormation's 500 resources as routes are added.
 */
export class RouteRoles extends Construct {
  private readonly roles = new Map<string, Role>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: { tables: DataTables; workflows: Readonly<Record<WorkflowName, StateMachine>>; auditExports?: AuditExport },
  ) {
    super(scope, id);
  }

  /**
   * The role of a route: reads stay reads; only routes that change something write, and to the
   * audit trail only append. A route that reads the audit exports (`readsAuditExports`) gets a
   * role of its own profile, so that no other route can read them.
   */
  roleFor(route: Pick<RouteSpec, 'method' | 'starts'>, options: { readsAuditExports?: boolean } = {}): Role {
    const writes = route.method !== 'GET';
    const starts = [...(route.starts ?? [])].sort();
    const readsAuditExports = options.readsAuditExports ?? false;
    const key = `${writes ? 'Write' : 'Read'}${starts.map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join('')}${readsAuditExports ? 'AuditExports' : ''}`;
    const existing = this.roles.get(key);
    if (existing) return existing;

    const role = new Role(this, key, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Lindung route functions that ${writes ? 'change data' : 'only read'}${starts.length ? ` and start ${starts.join(', ')}` : ''}${readsAuditExports ? ' and read the audit exports' : ''}`,
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    });
    const { tables } = this.props;
    if (writes) {
      tables.main.grantReadWriteData(role);
      grantAppendOnly(tables.audit, role);
      tables.idempotency.grantReadWriteData(role);
      acknowledgeIndexGrants(role, [tables.main]);
    } else {
      tables.main.grantReadData(role);
      tables.audit.grantReadData(role);
      acknowledgeIndexGrants(role, [tables.main, tables.audit]);
    }
    for (const name of starts) this.props.workflows[name as WorkflowName].grantStartExecution(role);
    if (readsAuditExports) {
      if (!this.props.auditExports) throw new Error('A route reads the audit exports, but the HTTP API was given no archive');
      this.props.auditExports.grantRead(role);
    }
    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The AWS managed basic execution role only allows writing to CloudWatch Logs, which every function needs.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) does not support resource-level permissions.',
      },
    );
    this.roles.set(key, role);
    return role;
  }
}
