// A progress bar on stderr when it is a terminal; silent otherwise (logs and pipes stay clean).

const BAR_WIDTH = 30;
/** Redraw at most this often (ms); redrawing per record would cost more than the import. */
const REDRAW_MS = 100;

export interface Progress {
  update(done: number, total: number, label?: string): void;
  finish(): void;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, finish() {} };
  let last = 0;
  let drawn = false;
  const started = Date.now();
  return {
    update(done, total, label = '') {
      const now = Date.now();
      if (now - last < REDRAW_MS && done < total) return;
      last = now;
      const fraction = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(fraction * BAR_WIDTH);
      const elapsed = (now - started) / 1000;
      const eta = fraction > 0 ? Math.max(0, elapsed / fraction - elapsed) : 0;
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% eta ${eta.toFixed(0)}s ${label}`.slice(0, (stream.columns || 80) - 1));
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
