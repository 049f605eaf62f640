import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccountRecovery, CfnUserPoolGroup, ClientAttributes, FeaturePlan, Mfa, StringAttribute, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../shared/core/access/roles';

/**
 * Who may sign in, in which role and for which region. Each role is a Cognito group; the group
 * names end up in the `cognito:groups` claim that the API's role middleware reads. The region is
 * the custom attribute `region` (the `custom:region` claim): a Kemendagri code, or ID for a
 * national auditor. Only the pool's administrators set it; a user cannot change their own.
 */
export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      // Accounts are created by the office's administrator, never by self-service sign-up.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      // Finance officers approve public money: a second factor is mandatory.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      customAttributes: { region: new StringAttribute({ minLen: 2, maxLen: 4, mutable: true }) },
      featurePlan: FeaturePlan.PLUS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.client = this.userPool.addClient('Console', {
      authFlows: { userSrp: true },
      // The console may change a user's e-mail, never their region: that is the administrator's.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
    });
    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `${role}Group`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `Lindung ${role} role`,
      });
    }
  }
}
