import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/**
 * Lindung's DynamoDB tables. The access patterns and keys are documented in docs/data-model.md;
 * the local stack creates exactly these tables from the synthesized template.
 */
export class DataTables extends Construct {
  /** Regulations, their versions and (later) rosters, budgets and enrollments: one table, typed keys. */
  readonly main: Table;
  /** The append-only audit trail, kept apart so that its access can be granted on its own. */
  readonly audit: Table;
  /** Powertools idempotency records: a retried request gets the first answer, not a second effect. */
  readonly idempotency: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const common = {
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Public-finance records must outlive a mistaken `cdk destroy`.
      removalPolicy: RemovalPolicy.RETAIN,
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
    };
    this.main = new Table(this, 'Main', { ...common, timeToLiveAttribute: 'expiresAt' });
    this.main.addGlobalSecondaryIndex({
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
    });

    this.audit = new Table(this, 'Audit', common);
    this.audit.addGlobalSecondaryIndex({
      indexName: 'byActor',
      partitionKey: { name: 'actor', type: AttributeType.STRING },
      sortKey: { name: 'at', type: AttributeType.STRING },
    });

    this.idempotency = new Table(this, 'Idempotency', {
      ...common,
      // Records only matter while a client may still retry; they expire on their own.
      removalPolicy: RemovalPolicy.DESTROY,
      partitionKey: { name: 'id', type: AttributeType.STRING },
      sortKey: undefined,
      timeToLiveAttribute: 'expiration',
    });
  }
}
