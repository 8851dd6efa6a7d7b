/**
 * The shared state of `fluxion serve --workers N` without Redis: the broadcast channel runs over
 * node:cluster's IPC, through the primary, which relays every message to all workers (the sender
 * included, once) and to its own subscribers. That is what lets a tenant change made in one
 * worker, or through the admin socket the primary serves, reach every worker at once.
 *
 * Counters and series stay in each process (`MemoryCounters`): with several workers and no Redis,
 * a rate limit counts per worker. Set REDIS_URL to share them.
 */
import cluster, { type Worker } from 'node:cluster';
import { LocalTopics, MemoryCounters } from './memory.js';
import type { Hit, MinuteBucket, SharedState, SharedStatus } from './shared-state.js';

interface BroadcastMessage {
  type: 'fluxion:broadcast';
  topic: string;
  message: string;
}

function isBroadcast(m: unknown): m is BroadcastMessage {
  const b = m as Partial<BroadcastMessage> | null;
  return typeof b === 'object' && b !== null && b.type === 'fluxion:broadcast' && typeof b.topic === 'string' && typeof b.message === 'string';
}

/** Shared by both sides: local topics and per-process counters. */
abstract class IpcSharedStateBase implements SharedState {
  readonly kind = 'cluster' as const;
  readonly status: SharedStatus = 'up';
  abstract readonly description: string;
  protected readonly topics = new LocalTopics();
  private readonly counters = new MemoryCounters();

  abstract publish(topic: string, message: string): Promise<void>;
  abstract close(): Promise<void>;

  subscribe(topic: string, handler: (message: string) => void): () => void {
    return this.topics.subscribe(topic, handler).off;
  }

  onStatus(): () => void {
    return () => undefined;
  }

  async ready(): Promise<void> {}

  async hit(key: string, windowMs: number, limit?: number): Promise<Hit> {
    return this.counters.hit(key, windowMs, limit);
  }

  async record(series: string, by = 1): Promise<void> {
    this.counters.record(series, by);
  }

  async series(series: string, minutes: number): Promise<MinuteBucket[]> {
    return this.counters.series(series, minutes);
  }
}

/** The primary's side: relays between workers and serves the primary's own subscribers. */
export class ClusterHub extends IpcSharedStateBase {
  readonly description = 'in-process, relayed between workers by the primary (no REDIS_URL)';
  private readonly onMessage = (_worker: Worker, m: unknown) => {
    if (isBroadcast(m)) this.relay(m);
  };

  constructor() {
    super();
    cluster.on('message', this.onMessage);
  }

  async publish(topic: string, message: string): Promise<void> {
    this.relay({ type: 'fluxion:broadcast', topic, message });
  }

  async close(): Promise<void> {
    cluster.off('message', this.onMessage);
    this.topics.clear();
  }

  private relay(m: BroadcastMessage): void {
    this.topics.deliver(m.topic, m.message);
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (!worker?.isConnected()) continue;
      try {
        worker.send(m);
      } catch {
        // A worker on its way out: it restarts with an empty cache anyway.
      }
    }
  }
}

/** A worker's side: publishes through the primary, hears what it relays. */
export class WorkerChannel extends IpcSharedStateBase {
  readonly description = 'shared between workers through the primary (no REDIS_URL)';
  private readonly onMessage = (m: unknown) => {
    if (isBroadcast(m)) this.topics.deliver(m.topic, m.message);
  };

  constructor() {
    super();
    process.on('message', this.onMessage);
  }

  async publish(topic: string, message: string): Promise<void> {
    const m: BroadcastMessage = { type: 'fluxion:broadcast', topic, message };
    if (process.send && process.connected) {
      process.send(m, undefined, {}, (err) => {
        // The primary is gone (this worker is about to stop): deliver here at least.
        if (err) this.topics.deliver(topic, message);
      });
    } else {
      this.topics.deliver(topic, message);
    }
  }

  async close(): Promise<void> {
    process.off('message', this.onMessage);
    this.topics.clear();
  }
}
