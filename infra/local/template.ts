import type { CloudFormationTemplate } from '../synthesize';
import { LOCAL_ACCOUNT, LOCAL_REGION, localArn } from './local-names';
import { LocalStackUnsupportedError } from './unsupported-error';

export type TemplateResource = CloudFormationTemplate['Resources'][string];

/**
 * The synthesized template, indexed by resource type, with CloudFormation intrinsic functions
 * resolved to local names. Only intrinsics CDK actually emits are supported; anything else is a
 * LocalStackUnsupportedError naming where it appears.
 */
export class LocalTemplate {
  constructor(readonly template: CloudFormationTemplate) {}

  resource(logicalId: string): TemplateResource {
    const resource = this.template.Resources[logicalId];
    if (!resource) throw new Error(`The template has no resource ${logicalId}`);
    return resource;
  }

  /** Logical ids and resources of one type, e.g. `AWS::DynamoDB::Table`. */
  ofType(type: string): [string, TemplateResource][] {
    return Object.entries(this.template.Resources).filter(([, r]) => r.Type === type);
  }

  /** A resource's properties with every intrinsic function resolved. */
  properties(logicalId: string): Record<string, unknown> {
    return this.resolve(this.resource(logicalId).Properties ?? {}, logicalId) as Record<string, unknown>;
  }

  resolve(value: unknown, where: string): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item, where));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    const [first] = entries;
    if (entries.length === 1 && first && (first[0] === 'Ref' || first[0].startsWith('Fn::'))) {
      return this.intrinsic(first[0], first[1], where);
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, this.resolve(item, `${where}.${key}`)]));
  }

  private intrinsic(name: string, argument: unknown, where: string): unknown {
    switch (name) {
      case 'Ref':
        return this.ref(String(argument), where);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = (typeof argument === 'string' ? argument.split('.') : argument) as [string, string];
        return this.getAtt(logicalId, attribute, where);
      }
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, unknown[]];
        return parts.map((part) => String(this.resolve(part, where))).join(separator);
      }
      case 'Fn::Sub': {
        const [text, variables] = (typeof argument === 'string' ? [argument, {}] : argument) as [string, Record<string, unknown>];
        return text.replace(/\$\{([^}!]+)\}/g, (_, token: string) => {
          if (token in variables) return String(this.resolve(variables[token], where));
          const [logicalId, attribute] = token.split('.') as [string, string | undefined];
          return String(attribute ? this.getAtt(logicalId, attribute, where) : this.ref(logicalId, where));
        });
      }
      case 'Fn::Select': {
        const [index, list] = argument as [number | string, unknown];
        return (this.resolve(list, where) as unknown[])[Number(index)];
      }
      case 'Fn::Split': {
        const [separator, text] = argument as [string, unknown];
        return String(this.resolve(text, where)).split(separator);
      }
      default:
        throw new LocalStackUnsupportedError(where, `the intrinsic function ${name}`);
    }
  }

  private ref(logicalId: string, where: string): string {
    switch (logicalId) {
      case 'AWS::Region':
        return LOCAL_REGION;
      case 'AWS::AccountId':
        return LOCAL_ACCOUNT;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return 'Lindung';
    }
    const resource = this.template.Resources[logicalId];
    if (!resource) throw new LocalStackUnsupportedError(where, `a Ref to ${logicalId}, which is not in the template`);
    // CloudFormation's Ref returns an ARN for these types and a name for the rest.
    if (resource.Type === 'AWS::StepFunctions::StateMachine') return localArn.stateMachine(logicalId);
    if (resource.Type === 'AWS::SecretsManager::Secret') return `arn:aws:secretsmanager:${LOCAL_REGION}:${LOCAL_ACCOUNT}:secret:${logicalId}`;
    return logicalId;
  }

  private getAtt(logicalId: string, attribute: string, where: string): string {
    const resource = this.template.Resources[logicalId];
    if (!resource) throw new LocalStackUnsupportedError(where, `Fn::GetAtt on ${logicalId}, which is not in the template`);
    const key = `${resource.Type}.${attribute}`;
    switch (key) {
      case 'AWS::Lambda::Function.Arn':
        return localArn.lambda(logicalId);
      case 'AWS::StepFunctions::StateMachine.Arn':
        return localArn.stateMachine(logicalId);
      case 'AWS::StepFunctions::StateMachine.Name':
      case 'AWS::DynamoDB::Table.TableName':
      case 'AWS::Cognito::UserPool.ProviderName':
        return logicalId;
      case 'AWS::DynamoDB::Table.Arn':
        return localArn.table(logicalId);
      case 'AWS::DynamoDB::Table.StreamArn':
        return `${localArn.table(logicalId)}/stream/local`;
      case 'AWS::IAM::Role.Arn':
        return localArn.role(logicalId);
      case 'AWS::Logs::LogGroup.Arn':
        return localArn.logGroup(logicalId);
      case 'AWS::Cognito::UserPool.Arn':
        return `arn:aws:cognito-idp:${LOCAL_REGION}:${LOCAL_ACCOUNT}:userpool/${logicalId}`;
      case 'AWS::ApiGatewayV2::Api.ApiEndpoint':
        return `http://localhost`;
      default:
        throw new LocalStackUnsupportedError(where, `Fn::GetAtt ${attribute} of a ${resource.Type}`);
    }
  }
}
