import { TooBusyError, type HeavyWorkLimiter } from './ports/heavy-work-limiter.port';

export interface HeavyWorkLimits {
  /** Analyses one client may have running or waiting for a thread at once. */
  readonly perClient: number;
  /** How long an analysis over that number waits for one of them to finish before it is refused. */
  readonly queueMs: number;
}

interface Waiter {
  readonly grant: (release: () => void) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * The per-process limiter: a counter and a short first-come queue per client. A client over
 * its share waits up to `queueMs`, then is refused (RATE_LIMITED with Retry-After), so one
 * client cannot fill the worker pool while others wait.
 */
export class InProcessHeavyWorkLimiter implements HeavyWorkLimiter {
  private readonly inFlight = new Map<string, number>();
  private readonly queues = new Map<string, Waiter[]>();

  constructor(readonly limits: HeavyWorkLimits) {}

  acquire(client: string): Promise<() => void> {
    const running = this.inFlight.get(client) ?? 0;
    if (running < this.limits.perClient) {
      this.inFlight.set(client, running + 1);
      return Promise.resolve(this.releaser(client));
    }
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(client) ?? [];
      this.queues.set(client, queue);
      const waiter: Waiter = {
        grant: resolve,
        timer: setTimeout(() => {
          queue.splice(queue.indexOf(waiter), 1);
          if (queue.length === 0) this.queues.delete(client);
          reject(
            new TooBusyError(
              `Too much heavy work at once: at most ${this.limits.perClient} analyses per token or address run at a time. Retry after the time in Retry-After.`,
              Math.max(1, Math.ceil(this.limits.queueMs / 1000)),
            ),
          );
        }, this.limits.queueMs),
      };
      queue.push(waiter);
    });
  }

  /** Analyses in flight for this client (tests). */
  running(client: string): number {
    return this.inFlight.get(client) ?? 0;
  }

  private releaser(client: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const queue = this.queues.get(client);
      const next = queue?.shift();
      if (next) {
        // The place passes straight to the next waiter: the count stays.
        if (queue!.length === 0) this.queues.delete(client);
        clearTimeout(next.timer);
        next.grant(this.releaser(client));
        return;
      }
      const running = (this.inFlight.get(client) ?? 1) - 1;
      if (running === 0) this.inFlight.delete(client);
      else this.inFlight.set(client, running);
    };
  }
}

/** No limit (tests and tools that run alone). */
export const UNLIMITED: HeavyWorkLimiter = { acquire: () => Promise.resolve(() => {}) };
