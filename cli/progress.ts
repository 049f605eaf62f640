import { SingleBar } from 'cli-progress';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr for long work (uploads, imports). Without a terminal (CI, pipes) it
 * prints a line at every tenth instead, so logs stay readable. `--json` output is never touched.
 */
export function progress(label: string, total: number): Progress {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: `${label.padEnd(12)} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
    });
    bar.start(total, 0);
    return {
      update: (done, newTotal) => {
        if (newTotal !== undefined) bar.setTotal(newTotal);
        bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
  let lastTenth = -1;
  let currentTotal = total;
  return {
    update: (done, newTotal) => {
      if (newTotal !== undefined) currentTotal = newTotal;
      const tenth = currentTotal > 0 ? Math.floor((done / currentTotal) * 10) : 10;
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        process.stderr.write(`${label}: ${done}/${currentTotal} (${Math.min(100, tenth * 10)}%)\n`);
      }
    },
    stop: () => undefined,
  };
}
