/**
 * Progress for long work (demo data): a redrawn bar on a terminal, and on anything else (CI logs,
 * pipes, files) a plain line when the phase changes and every few seconds within a long phase,
 * so logs stay short and still show that work goes on.
 */

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  /** `fraction` is 0..1 of the whole job; `phase` says what is happening now. */
  update(phase: string, fraction: number): void;
  /** Finish the bar (or print the last line) with a closing message. */
  done(message?: string): void;
}

export interface ProgressOptions {
  label: string;
  stream?: ProgressStream;
  /** Override the stream's own TTY flag (tests). */
  tty?: boolean;
  /** Off a terminal, the longest silence within one phase (default 5 s). */
  plainIntervalMs?: number;
  now?: () => number;
}

const clamp = (f: number) => (Number.isFinite(f) ? Math.min(1, Math.max(0, f)) : 0);

function elapsed(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? Boolean(stream.isTTY);
  const now = options.now ?? Date.now;
  const started = now();
  let lastPhase = '';
  let lastPlain = 0;
  const interval = options.plainIntervalMs ?? 5000;
  let lastDraw = 0;
  let drawn = false;
  let finished = false;

  const line = (phase: string, f: number) => `${options.label}: ${String(Math.floor(f * 100)).padStart(3)}%  ${phase}  (${elapsed(now() - started)})`;

  const draw = (phase: string, f: number) => {
    const columns = Math.max(40, stream.columns ?? 80);
    const width = Math.max(10, Math.min(30, columns - 50));
    const filled = Math.round(f * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    let text = `${options.label} ${bar} ${String(Math.floor(f * 100)).padStart(3)}%  ${phase}  ${elapsed(now() - started)}`;
    if (text.length > columns - 1) text = `${text.slice(0, columns - 2)}…`;
    stream.write(`\r\x1b[2K${text}`);
    drawn = true;
  };

  return {
    update(phase, fraction) {
      if (finished) return;
      const f = clamp(fraction);
      if (tty) {
        // Redrawing more often than ~12 times a second only costs time.
        if (phase !== lastPhase || now() - lastDraw >= 80 || f === 1) {
          draw(phase, f);
          lastDraw = now();
          lastPhase = phase;
        }
        return;
      }
      if (phase !== lastPhase || now() - lastPlain >= interval) {
        stream.write(`${line(phase, f)}\n`);
        lastPhase = phase;
        lastPlain = now();
      }
    },
    done(message) {
      if (finished) return;
      finished = true;
      const text = message ?? `${options.label}: done`;
      const took = ` (${elapsed(now() - started)})`;
      if (tty && drawn) stream.write(`\r\x1b[2K${text}${took}\n`);
      else stream.write(`${text}${took}\n`);
    },
  };
}
