/**
 * Background import jobs of this process: a queue run one at a time (imports are write-heavy and
 * DuckDB serialises writers anyway), each job's live progress in memory for `GET /imports/:id`
 * (PostgreSQL servers also store it in the row, so any process can answer). Closing the app waits
 * for the queue to finish: an accepted upload is never abandoned half-way by a graceful stop.
 */
import type { ImportProgress } from './engine.js';

export class ImportJobs {
  private tail: Promise<void> = Promise.resolve();
  private readonly live = new Map<string, ImportProgress>();
  private readonly ends = new Map<string, Promise<void>>();
  private pending = 0;

  /** Queue `run`; its progress is visible under `id` until it ends. */
  enqueue(id: string, run: (report: (p: ImportProgress) => void) => Promise<void>): void {
    this.pending++;
    this.live.set(id, { phase: 'queued', fraction: 0, rows_read: 0 });
    this.tail = this.tail
      .then(() => run((p) => this.live.set(id, p)))
      .catch(() => undefined)
      .finally(() => {
        this.pending--;
        this.live.delete(id);
        this.ends.delete(id);
      });
    this.ends.set(id, this.tail);
  }

  /** Wait until the job `id` of this process ends, at most `ms`; at once when it is not here. */
  async settled(id: string, ms: number): Promise<void> {
    const end = this.ends.get(id);
    if (!end) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([end, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  /** The live progress of a job of this process, if it is queued or running here. */
  progress(id: string): ImportProgress | undefined {
    return this.live.get(id);
  }

  get busy(): boolean {
    return this.pending > 0;
  }

  /** Resolves when every queued job has ended. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}
