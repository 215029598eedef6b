/**
 * A bar redrawn in place on a terminal; a line every tenth of the way otherwise (CI logs, pipes),
 * so long steps show progress without flooding a log.
 */
export function progressBar(
  label: string,
  total: number,
  describe: (done: number, perSecond: number) => string,
) {
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  let lastDrawn = 0;
  let lastTenth = -1;
  const line = (done: number) => {
    const fraction = total === 0 ? 1 : Math.min(1, done / total);
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const width = 30;
    const filled = Math.round(fraction * width);
    return (
      `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` +
      `${(fraction * 100).toFixed(0).padStart(3)}%  ${describe(done, done / seconds)}`
    );
  };
  return {
    update(done: number) {
      if (tty) {
        if (Date.now() - lastDrawn < 100 && done < total) return;
        lastDrawn = Date.now();
        process.stderr.write(`\r${line(done)}`);
      } else {
        const tenth = total === 0 ? 10 : Math.floor(Math.min(1, done / total) * 10);
        if (tenth === lastTenth) return;
        lastTenth = tenth;
        process.stderr.write(`${line(done)}\n`);
      }
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

export function megabytes(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}
