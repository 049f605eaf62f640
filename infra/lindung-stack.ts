import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { allRoutes, routes } from '../shared/api/routes';
import { AuditExport } from './constructs/audit-export';
import { DataTables } from './constructs/data-tables';
import { EnrollmentWorkflow } from './constructs/enrollment-workflow';
import { BudgetWorkflows } from './constructs/budget-workflows';
import { LindungHttpApi } from './constructs/http-api';
import { RemittanceWorkflows } from './constructs/remittance-workflows';
import { RenewalWorkflows } from './constructs/renewal-workflows';
import { RosterImportWorkflow } from './constructs/roster-import-workflow';
import { UserDirectory } from './constructs/user-directory';
import { WebConsole } from './constructs/web-console';

/** The whole of Lindung. `cdk deploy` puts it on AWS; `npm start` runs the same template locally. */
export class LindungStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const tables = new DataTables(this, 'Data');
    const users = new UserDirectory(this, 'Users');
    const rosterImport = new RosterImportWorkflow(this, 'RosterImport', { tables });
    const budget = new BudgetWorkflows(this, 'Budget', { tables });
    const enrollment = new EnrollmentWorkflow(this, 'Enrollment', { tables });
    const renewal = new RenewalWorkflows(this, 'Renewal', {
      tables,
      budgetProposal: budget.proposal.stateMachine,
      enrollmentRun: enrollment.workflow.stateMachine,
    });
    const remittance = new RemittanceWorkflows(this, 'Remittance', { tables });
    const auditExport = new AuditExport(this, 'AuditExport', { tables });
    const http = new LindungHttpApi(this, 'Http', {
      routes: allRoutes,
      tables,
      users,
      workflows: {
        rosterImport: rosterImport.workflow.stateMachine,
        budgetProposal: budget.proposal.stateMachine,
        ceilingAllocation: budget.ceilingAllocation.stateMachine,
        enrollmentRun: enrollment.workflow.stateMachine,
        renewal: renewal.renewal.stateMachine,
        reconciliation: remittance.reconciliation.stateMachine,
      },
      auditExports: { archive: auditExport, readers: [routes.verifyAuditChain] },
    });

    const webConsole = new WebConsole(this, 'Console', { api: http.api, users });

    new CfnOutput(this, 'ApiUrl', { value: http.api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: users.client.userPoolClientId });
    new CfnOutput(this, 'ConsoleUrl', { value: webConsole.url });
  }
}
