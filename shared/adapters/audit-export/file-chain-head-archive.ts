import { link, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { IsoDate } from '../../core/calendar/calendar';
import type { ChainHeadArchive } from '../../core/audit/chain-head-archive';
import { ChainHeadExport } from '../../core/audit/chain-head-export';
import { CHAIN_HEADS_PREFIX, chainHeadKey, latestExportKey } from './chain-head-keys';

/**
 * The chain-head exports of the local stack: `<directory>/chain-heads/YYYY-MM-DD.json`, where
 * `directory` is `<data dir>/audit-exports`. Write-once like the bucket under Object Lock: a day's
 * file is written whole beside its place, then linked into it, which fails if the day has one.
 * Files are made read-only. A local directory protects against mistakes, not against its owner.
 */
export class FileChainHeadArchive implements ChainHeadArchive {
  constructor(private readonly directory: string) {}

  async put(exported: ChainHeadExport): Promise<boolean> {
    const file = path.join(this.directory, chainHeadKey(exported.date));
    await mkdir(path.dirname(file), { recursive: true });
    const staged = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(staged, `${JSON.stringify(exported, null, 2)}\n`, { mode: 0o444 });
    try {
      await link(staged, file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    } finally {
      await rm(staged, { force: true });
    }
  }

  async latest(before?: IsoDate): Promise<ChainHeadExport | undefined> {
    const names = await readdir(path.join(this.directory, CHAIN_HEADS_PREFIX)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const key = latestExportKey(
      names.map((name) => `${CHAIN_HEADS_PREFIX}${name}`),
      before,
    );
    return key ? ChainHeadExport.parse(JSON.parse(await readFile(path.join(this.directory, key), 'utf8'))) : undefined;
  }
}
