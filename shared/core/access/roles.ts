import { z } from 'zod';

/**
 * The three kinds of people who use Lindung. They map one-to-one onto Cognito groups in the
 * cloud and onto the `cognito:groups` claim of locally signed tokens.
 */
export const Role = z.enum(['admin', 'finance', 'auditor']);
export type Role = z.infer<typeof Role>;
export const ROLES = Role.options;

/** Who is calling, as established by the JWT authorizer. */
export interface Caller {
  /** Stable user id (the token's `sub`). */
  readonly userId: string;
  /** Human-readable user name, recorded in the audit trail. */
  readonly username: string;
  readonly roles: readonly Role[];
  /**
   * The Kemendagri region the user belongs to (shared/core/access/region-reach.ts), from the
   * token's `custom:region` claim. Absent on an account nobody assigned a region yet: such a
   * caller reaches no regulation.
   */
  readonly region?: string;
}
