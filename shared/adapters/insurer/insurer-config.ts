import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { z } from 'zod';

/** The partner API's address and credentials, and the Pemda's collective account with the insurer. */
export const InsurerConfig = z.object({
  baseUrl: z.url(),
  apiKey: z.string().min(1),
  collectiveAccount: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
  /** Per request; the client's default (10 s) when absent. */
  timeoutMs: z.coerce.number().int().positive().optional(),
});
export type InsurerConfig = z.infer<typeof InsurerConfig>;

/** Cached for this long, so a rotated key is picked up without a deploy. */
const SECRET_MAX_AGE_SECONDS = 300;

/**
 * In the cloud the configuration is the JSON secret INSURER_SECRET_ARN names (Secrets Manager,
 * read through Powertools Parameters with a cache). The local stack, which has no Secrets
 * Manager, gives the simulator's address in INSURER_BASE_URL, INSURER_API_KEY,
 * INSURER_COLLECTIVE_ACCOUNT (and optionally INSURER_TIMEOUT_MS) instead; the template never sets those.
 */
export async function insurerConfig(env: NodeJS.ProcessEnv = process.env): Promise<InsurerConfig> {
  if (env.INSURER_BASE_URL) {
    return InsurerConfig.parse({
      baseUrl: env.INSURER_BASE_URL,
      apiKey: env.INSURER_API_KEY,
      collectiveAccount: env.INSURER_COLLECTIVE_ACCOUNT,
      timeoutMs: env.INSURER_TIMEOUT_MS,
    });
  }
  const secretArn = env.INSURER_SECRET_ARN;
  if (!secretArn) throw new Error('INSURER_SECRET_ARN is not set: the enrollment functions need the insurer secret');
  const secret = await getSecret(secretArn, { transform: 'json', maxAge: SECRET_MAX_AGE_SECONDS });
  const parsed = InsurerConfig.safeParse(secret);
  if (!parsed.success) {
    throw new Error(
      `The insurer secret ${secretArn} must be JSON with baseUrl, apiKey and collectiveAccount (${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')} wrong or missing). Set it with \`aws secretsmanager put-secret-value\`.`,
    );
  }
  return parsed.data;
}
