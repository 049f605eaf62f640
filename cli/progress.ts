import { SingleBar } from 'cli-progress';
import { t } from './messages';

export interface Progress {
  /** `detail`: what else to show beside the bar (e.g. the counts that are not its progress). */
  update(done: number, total?: number, detail?: string): void;
  stop(): void;
}

/**
 * A progress bar on stderr for long work (uploads, imports). Without a terminal (CI, pipes) it
 * prints a line at every tenth instead, so logs stay readable. `--json` output is never touched.
 */
export function progress(label: string, total: number): Progress {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: `${label.padEnd(12)} [{bar}] {percentage}% | {value}/{total}{detail} | ${t('sisa {eta}', { eta: '{eta_formatted}' })}`,
      stream: process.stderr,
      hideCursor: true,
    });
    bar.start(total, 0, { detail: '' });
    return {
      update: (done, newTotal, detail) => {
        if (newTotal !== undefined) bar.setTotal(newTotal);
        bar.update(done, { detail: detail ? ` | ${detail}` : '' });
      },
      stop: () => bar.stop(),
    };
  }
  let lastTenth = -1;
  let currentTotal = total;
  return {
    update: (done, newTotal, detail) => {
      if (newTotal !== undefined) currentTotal = newTotal;
      const tenth = currentTotal > 0 ? Math.floor((done / currentTotal) * 10) : 10;
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        process.stderr.write(`${label}: ${done}/${currentTotal} (${Math.min(100, tenth * 10)}%)${detail ? `, ${detail}` : ''}\n`);
      }
    },
    stop: () => undefined,
  };
}
