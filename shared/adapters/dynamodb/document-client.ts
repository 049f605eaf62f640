import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * One DynamoDB client per process, for every caller (the document client below, Powertools
 * idempotency), so that they share connections and the local stack meters them all in one place.
 * Its endpoint comes from the standard AWS configuration: the real service on AWS, DynamoDB
 * Local when AWS_ENDPOINT_URL_DYNAMODB is set.
 */
export const dynamoDbClient = new DynamoDBClient({});

/** The document client over that one client. */
export const documentClient = DynamoDBDocumentClient.from(dynamoDbClient, {
  marshallOptions: { removeUndefinedValues: true },
});

/** The physical name of a table, from the environment variable the CDK app sets. */
export function tableName(variable: 'MAIN_TABLE' | 'AUDIT_TABLE'): string {
  const name = process.env[variable];
  if (!name) throw new Error(`${variable} is not set: this handler must run with the environment the CDK app gives it`);
  return name;
}
