/**
 * Progress on stderr, never stdout (cli.md): a redrawn bar on a terminal,
 * plain lines (at most one a second) when stderr is a file or pipe.
 */
export interface Progress {
  update(label: string, current: number, total: number): void;
  done(message?: string): void;
}

export interface ProgressStream {
  write(text: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

export function createProgress(stream: ProgressStream = process.stderr, now: () => number = Date.now): Progress {
  const start = now();
  let last = 0;
  let drawn = false;
  const rate = (current: number) => {
    const seconds = (now() - start) / 1000;
    return seconds > 0 ? current / seconds : 0;
  };
  return {
    update(label, current, total) {
      const t = now();
      if (stream.isTTY) {
        if (t - last < 50 && current < total) return;
        last = t;
        const width = 24;
        const filled = total > 0 ? Math.round((current / total) * width) : 0;
        const r = rate(current);
        const eta = r > 0 && total > current ? ` ETA ${Math.ceil((total - current) / r)}s` : '';
        const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${current}/${total} ${r.toFixed(1)}/s${eta} ${label}`;
        const max = Math.max((stream.columns ?? 100) - 1, 20);
        stream.write(`\r\x1b[K${line.slice(0, max)}`);
        drawn = true;
      } else {
        if (t - last < 1000 && current !== 0 && current < total) return;
        last = t;
        stream.write(`${current}/${total} ${label}\n`);
      }
    },
    done(message) {
      if (stream.isTTY && drawn) stream.write('\r\x1b[K');
      if (message) stream.write(`${message}\n`);
    },
  };
}
