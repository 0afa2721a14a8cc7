/** Base and cap of the retry delay after failures (ms). */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/**
 * Exponential backoff with "equal jitter": half the exponential delay, plus a random share of
 * the other half, so many devices coming back at once do not retry in step.
 */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  if (failures <= 0) return 0;
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (failures - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** What a run asks of the loop: nothing, or another run after a delay it chose (a server's Retry-After, a persisted backoff). */
export type RunOutcome = void | { retryInMs: number };

export interface RetryLoopOptions {
  /** A run that throws is retried after a backoff; this hears about it. */
  onError?: (error: unknown) => void;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * The one loop for work that must run one at a time and be retried when it fails: the sync
 * scheduler and the reminder runner (after Replicache's connection loop). Its states:
 *
 *   idle ──run()──▶ running ──done──▶ idle
 *                    │   ▲      └─ asked to, or threw ──▶ waiting (one timer) ──due──▶ running
 *                    │   └── run() during a run: exactly one more run after it
 *                    └── run() while waiting: the timer is cancelled, it runs now
 *
 * A run that throws is retried after `backoffDelay(consecutive failures)`; a run may instead
 * return the delay it wants (work that keeps its own failure count across restarts).
 */
export class RetryLoop {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: unknown = null;
  private failures = 0;
  private readonly random: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(
    private readonly task: () => Promise<RunOutcome>,
    private readonly options: RetryLoopOptions = {},
  ) {
    this.random = options.random ?? Math.random;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** Runs now (or once more after the running run); resolves when that run has finished, never rejects. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.cancelRetry();
    this.running = (async () => {
      do {
        this.again = false;
        await this.once();
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves when nothing is running (a retry may still be waiting). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Whether a retry is waiting for its timer. */
  get waiting(): boolean {
    return this.timer !== null;
  }

  private async once(): Promise<void> {
    let retryInMs: number | null = null;
    try {
      const outcome = await this.task();
      this.failures = 0;
      if (outcome) retryInMs = outcome.retryInMs;
    } catch (e) {
      this.failures += 1;
      retryInMs = backoffDelay(this.failures, this.random);
      this.options.onError?.(e);
    }
    // A run asked for during this one comes at once; the retry would only repeat it.
    if (retryInMs !== null && !this.again) this.retryIn(retryInMs);
  }

  private retryIn(ms: number): void {
    this.cancelRetry();
    this.timer = this.setTimer(() => {
      this.timer = null;
      void this.run();
    }, ms);
  }

  private cancelRetry(): void {
    if (this.timer === null) return;
    this.clearTimer(this.timer);
    this.timer = null;
  }
}
