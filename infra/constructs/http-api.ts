import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Validations } from 'aws-cdk-lib';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteSpec, WorkflowName } from '../../shared/api/route-spec';
import { routeKey, workflowArnVariable } from '../../shared/api/route-spec';
import type { AuditExport } from './audit-export';
import type { DataTables } from './data-tables';
import { HandlerFunction } from './handler-function';
import { RouteRoles } from './route-roles';
import type { UserDirectory } from './user-directory';

export interface LindungHttpApiProps {
  readonly routes: readonly RouteSpec[];
  readonly tables: DataTables;
  readonly users: UserDirectory;
  /** The workflows routes may start (a route names them in `starts`). */
  readonly workflows: Readonly<Record<WorkflowName, StateMachine>>;
  /** The audit chain-head exports and the routes that read them: only those get the bucket and the right to read it. */
  readonly auditExports?: { readonly archive: AuditExport; readonly readers: readonly RouteSpec[] };
}

/**
 * The HTTP API: one Lambda function per route of the catalogue (its role shared with the routes
 * of the same access: route-roles.ts), a Cognito JWT authorizer on every route that is not
 * public, and access logs.
 */
export class LindungHttpApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: LindungHttpApiProps) {
    super(scope, id);
    const authorizer = new HttpUserPoolAuthorizer('Cognito', props.users.userPool, {
      userPoolClients: [props.users.client],
    });
    this.api = new HttpApi(this, 'Api', {
      description: 'Lindung HTTP API',
      corsPreflight: {
        allowOrigins: ['*'],
        // If-Match / If-None-Match carry the version an amendment is based on; ETag answers it.
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'if-none-match'],
        exposeHeaders: ['etag'],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_YEAR });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        routeKey: '$context.routeKey',
        status: '$context.status',
        user: '$context.authorizer.claims.username',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
      }),
    };

    const archive = props.auditExports?.archive;
    const roles = new RouteRoles(this, 'RouteRoles', { tables: props.tables, workflows: props.workflows, ...(archive ? { auditExports: archive } : {}) });
    const exportReaders = new Set(props.auditExports?.readers.map(routeKey));
    for (const route of props.routes) {
      const readsAuditExports = exportReaders.has(routeKey(route));
      const fn = new HandlerFunction(this, functionId(route.entry), {
        entry: route.entry,
        description: `${route.method} ${route.path}: ${route.summary}`,
        role: roles.roleFor(route, { readsAuditExports }),
        environment: {
          ...(readsAuditExports && archive ? archive.environment() : {}),
          MAIN_TABLE: props.tables.main.tableName,
          AUDIT_TABLE: props.tables.audit.tableName,
          IDEMPOTENCY_TABLE: props.tables.idempotency.tableName,
          ...Object.fromEntries(
            Object.entries(props.workflows).map(([name, machine]) => [workflowArnVariable(name as WorkflowName), machine.stateMachineArn]),
          ),
        },
      });
      const [httpRoute] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${functionId(route.entry)}Integration`, fn),
        ...(route.access === 'public' ? {} : { authorizer }),
      });
      if (route.access === 'public' && httpRoute) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions::AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by design: it holds no personal or financial data.`,
        });
      }
    }
  }
}

/** `functions/regulation/apply.ts` → `RegulationApply`. */
function functionId(entry: string): string {
  return entry
    .replace(/^functions\//, '')
    .replace(/\.ts$/, '')
    .split(/[/-]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
