/** A FIFO mutex and a fixed pool of resources: the two concurrency tools of the DuckDB adapter. */

export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  /** Run `fn` once every earlier caller has finished; callers run one at a time, in order. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

export class Pool<T> {
  private readonly free: T[];
  private readonly waiting: Array<(item: T) => void> = [];

  constructor(private readonly items: readonly T[]) {
    this.free = [...items];
  }

  all(): readonly T[] {
    return this.items;
  }

  async use<R>(fn: (item: T) => Promise<R>): Promise<R> {
    const item = this.free.pop() ?? (await new Promise<T>((resolve) => this.waiting.push(resolve)));
    try {
      return await fn(item);
    } finally {
      const next = this.waiting.shift();
      if (next) next(item);
      else this.free.push(item);
    }
  }
}
