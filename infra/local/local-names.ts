/**
 * The names and ARNs that resources get in the local stack. A resource's local physical name is
 * its logical id in the template, so logs and tables are easy to trace back to the CDK code.
 */
export const LOCAL_REGION = 'ap-southeast-3';
export const LOCAL_ACCOUNT = '000000000000';

export const localArn = {
  lambda: (logicalId: string) => `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${logicalId}`,
  stateMachine: (logicalId: string) => `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${logicalId}`,
  execution: (stateMachineLogicalId: string, name: string) =>
    `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:execution:${stateMachineLogicalId}:${name}`,
  table: (logicalId: string) => `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${logicalId}`,
  role: (logicalId: string) => `arn:aws:iam::${LOCAL_ACCOUNT}:role/${logicalId}`,
  logGroup: (logicalId: string) => `arn:aws:logs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:log-group:${logicalId}:*`,
};
