import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import type { IsoDate } from '../../core/calendar/calendar';
import type { ChainHeadArchive } from '../../core/audit/chain-head-archive';
import { ChainHeadExport } from '../../core/audit/chain-head-export';
import { CHAIN_HEADS_PREFIX, chainHeadKey, latestExportKey } from './chain-head-keys';

/**
 * The chain-head exports on AWS: one object a day in a bucket under Object Lock, compliance mode
 * (infra/constructs/audit-export.ts), so no one, the account's root included, can delete or
 * overwrite a version until its retention ends. A day's object is created only if the key is
 * free (`If-None-Match: *`): a second export of the day adds no version.
 */
export class S3ChainHeadArchive implements ChainHeadArchive {
  constructor(
    private readonly bucket: string,
    private readonly client = new S3Client({}),
  ) {}

  async put(exported: ChainHeadExport): Promise<boolean> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: chainHeadKey(exported.date),
          Body: `${JSON.stringify(exported, null, 2)}\n`,
          ContentType: 'application/json',
          IfNoneMatch: '*',
          // A bucket with Object Lock takes an object only with an integrity checksum.
          ChecksumAlgorithm: 'SHA256',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412) return false;
      throw error;
    }
  }

  /** One key a day: ten years of exports are four pages of the listing. */
  async latest(before?: IsoDate): Promise<ChainHeadExport | undefined> {
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket, Prefix: CHAIN_HEADS_PREFIX })) {
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    }
    const key = latestExportKey(keys, before);
    if (!key) return undefined;
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return ChainHeadExport.parse(JSON.parse(await object.Body!.transformToString()));
  }
}
