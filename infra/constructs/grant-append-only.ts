import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';

/**
 * Lets a function add items to a table and nothing else: `dynamodb:PutItem` on the table itself.
 * A Put inside TransactWriteItems is authorised as PutItem, so an audit event still goes in the
 * transaction of the change it records; without UpdateItem, DeleteItem and BatchWriteItem, no
 * function can edit or remove an event it has written (test/infra/synth.test.ts asserts it for
 * the Audit table). Reads, where a route needs them, are granted apart. PutItem needs no index
 * ARN, and the table's AWS-managed encryption no key grant.
 */
export function grantAppendOnly(table: Table, grantee: IGrantable): Grant {
  return Grant.addToPrincipal({ grantee, actions: ['dynamodb:PutItem'], resourceArns: [table.tableArn] });
}
