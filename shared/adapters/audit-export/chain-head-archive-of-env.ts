import type { ChainHeadArchive } from '../../core/audit/chain-head-archive';
import { FileChainHeadArchive } from './file-chain-head-archive';
import { S3ChainHeadArchive } from './s3-chain-head-archive';

/**
 * The chain-head archive of where the handler runs. In the cloud, the bucket AUDIT_EXPORT_BUCKET
 * names (the CDK app sets it). The local stack, which has no S3, gives AUDIT_EXPORT_DIR, a
 * directory under its data directory, instead; the template never sets it, so it wins.
 */
export function chainHeadArchiveOfEnv(env: NodeJS.ProcessEnv = process.env): ChainHeadArchive {
  if (env.AUDIT_EXPORT_DIR) return new FileChainHeadArchive(env.AUDIT_EXPORT_DIR);
  if (env.AUDIT_EXPORT_BUCKET) return new S3ChainHeadArchive(env.AUDIT_EXPORT_BUCKET);
  throw new Error('Neither AUDIT_EXPORT_BUCKET nor AUDIT_EXPORT_DIR is set: this handler must run with the environment the CDK app or the local stack gives it');
}
