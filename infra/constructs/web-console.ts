import path from 'node:path';
import { Aws, CfnResource, CustomResource, DockerImage, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { type CfnUserPoolClient, ManagedLoginVersion, type UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { ConsoleConfig } from '../../shared/api/console-config';
import { writeConsoleFiles } from '../../web/build';
import { REPO_ROOT } from './handler-function';
import type { UserDirectory } from './user-directory';

/**
 * Template metadata on the console's deployment naming the module that builds the console. The
 * local stack calls the same builder and serves the files itself; in the cloud it is inert.
 */
export const CONSOLE_BUILD_METADATA_KEY = 'lindung:console-build';
const CONSOLE_BUILD_MODULE = 'web/build.ts';

export interface WebConsoleProps {
  readonly api: HttpApi;
  readonly users: UserDirectory;
}

/**
 * The web console: a static single-page app in a private S3 bucket, served by CloudFront
 * through an origin access control. It signs users in with the user pool's hosted sign-in
 * (authorization code with PKCE, MFA enforced by the pool) and calls the HTTP API with the ID
 * token, as the CLI does.
 */
export class WebConsole extends Construct {
  readonly distribution: Distribution;
  readonly url: string;

  constructor(scope: Construct, id: string, props: WebConsoleProps) {
    super(scope, id);
    const bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // The files are rebuilt from source by every deployment; nothing in the bucket needs keeping.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            "connect-src 'self' https://*.amazonaws.com https://*.amazoncognito.com",
            "img-src 'self' data: blob:",
            // The budget document is a self-contained page with its own inline stylesheet.
            "style-src 'self' 'unsafe-inline'",
            "frame-src 'self' blob:",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self' https://*.amazoncognito.com",
          ].join('; '),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Lindung web console',
      defaultRootObject: 'index.html',
      priceClass: PriceClass.PRICE_CLASS_200,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        responseHeadersPolicy: headers,
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}/`;

    const domain = this.signInDomain(props.users);
    const config: ConsoleConfig = {
      apiUrl: props.api.apiEndpoint,
      auth: {
        kind: 'cognito',
        region: Aws.REGION,
        userPoolId: props.users.userPool.userPoolId,
        clientId: props.users.client.userPoolClientId,
        domain: domain.baseUrl(),
      },
    };
    const deployment = new BucketDeployment(this, 'Deploy', {
      destinationBucket: bucket,
      sources: [
        Source.asset(path.join(REPO_ROOT, 'web'), {
          bundling: {
            // Never used: the console is bundled locally with esbuild, as the functions are.
            image: DockerImage.fromRegistry('scratch'),
            local: {
              tryBundle: (outputDir) => {
                writeConsoleFiles(outputDir);
                return true;
              },
            },
          },
        }),
        Source.jsonData('config.json', config),
      ],
      // File names are not content-hashed: browsers revalidate each file (ETag) on every load.
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    const customResource = deployment.node.children.find((child): child is CustomResource => child instanceof CustomResource);
    if (!customResource) throw new Error('BucketDeployment has no custom resource to mark for the local stack');
    (customResource.node.defaultChild as CfnResource).addMetadata(CONSOLE_BUILD_METADATA_KEY, CONSOLE_BUILD_MODULE);

    this.acknowledgeFindings(bucket);
  }

  /**
   * The user pool's hosted sign-in for the console: the existing app client (the one the API's
   * JWT authorizer accepts) gets the authorization-code flow back to the console's URL.
   */
  private signInDomain(users: UserDirectory): UserPoolDomain {
    const domain = users.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: Fn.join('-', [Stack.of(this).stackName.toLowerCase(), Aws.ACCOUNT_ID]) },
      managedLoginVersion: ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    const client = users.client.node.defaultChild as CfnUserPoolClient;
    client.allowedOAuthFlowsUserPoolClient = true;
    client.allowedOAuthFlows = ['code'];
    client.allowedOAuthScopes = ['openid', 'profile', 'email'];
    client.supportedIdentityProviders = ['COGNITO'];
    client.callbackUrLs = [this.url];
    client.logoutUrLs = [this.url];
    return domain;
  }

  private acknowledgeFindings(bucket: Bucket): void {
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason: 'The bucket holds the public console bundle only, readable solely by CloudFront (OAC); every API call it makes is logged by API Gateway.',
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-CFR1',
        reason: 'Auditors and BPJS staff may work from outside Indonesia; the console holds no data, and the API requires a signed-in user.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-CFR2',
        reason: 'The distribution serves static files only; the API behind the console authorizes every request with Cognito tokens.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-CFR3',
        reason: 'Requests for static console files carry no personal data; what users do is logged by the API (access logs) and the audit trail.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-CFR4',
        reason: 'The default CloudFront certificate fixes the TLS policy; a custom domain with TLSv1.2_2021 is a deployment choice of each region.',
      },
    );
    // BucketDeployment's provider function is CDK's, run by CloudFormation at deploy time only.
    const provider = Stack.of(this).node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!provider) throw new Error("BucketDeployment's provider function is not where CDK keeps it");
    Validations.of(provider).acknowledge(
      { id: 'AwsSolutions::AwsSolutions-L1', reason: "CDK's BucketDeployment provider picks its own runtime." },
      {
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The deployment provider only writes its own CloudWatch logs with the managed basic execution role.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Action::s3:GetObject*]',
        reason: "CDK's grant to read the console asset from the CDK assets bucket.",
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Action::s3:GetBucket*]',
        reason: "CDK's grant to read the console asset from the CDK assets bucket.",
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Action::s3:List*]',
        reason: "CDK's grants to list the assets bucket and the console bucket while syncing.",
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        reason: 'Syncing the console removes files that are no longer part of it, in its own bucket only.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        reason: "CDK's grant to read the console asset from the CDK assets bucket.",
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::<ConsoleSite26539DB4.Arn>/*]',
        reason: 'Syncing writes and removes the files of the console bucket, and only of it.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Action::s3:Abort*]',
        reason: "CDK's grant to write the console bucket (multipart uploads).",
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'CloudFront invalidations (cloudfront:CreateInvalidation, GetInvalidation) do not support resource-level permissions.',
      },
    );
  }
}
