import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * One DynamoDB document client per process. Its endpoint comes from the standard AWS
 * configuration: the real service on AWS, DynamoDB Local when AWS_ENDPOINT_URL_DYNAMODB is set.
 */
export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

/** The physical name of a table, from the environment variable the CDK app sets. */
export function tableName(variable: 'MAIN_TABLE' | 'AUDIT_TABLE'): string {
  const name = process.env[variable];
  if (!name) throw new Error(`${variable} is not set: this handler must run with the environment the CDK app gives it`);
  return name;
}
