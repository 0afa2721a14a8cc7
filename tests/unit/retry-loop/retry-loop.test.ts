import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RetryLoop, backoffDelay } from '@/lib/retry-loop';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A task whose runs the test finishes by hand. */
function gatedTask() {
  const gates: (() => void)[] = [];
  let runs = 0;
  const task = vi.fn(async () => {
    runs += 1;
    await new Promise<void>((resolve) => gates.push(resolve));
  });
  return { task, open: () => gates.shift()?.(), runs: () => runs };
}

describe('RetryLoop', () => {
  it('runs one at a time: however often it is asked during a run, it runs exactly once more', async () => {
    const { task, open, runs } = gatedTask();
    const loop = new RetryLoop(task);
    const first = loop.run();
    const asked = [loop.run(), loop.run(), loop.run()];
    await vi.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(1);
    open();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(2);
    open();
    await Promise.all([first, ...asked]);
    expect(runs()).toBe(2);
  });

  it('retries a run that threw after a growing backoff, tells onError, and starts afresh after a success', async () => {
    const errors: unknown[] = [];
    let fail = 3;
    const task = vi.fn(() => (fail-- > 0 ? Promise.reject(new Error(`down ${fail}`)) : Promise.resolve()));
    const loop = new RetryLoop(task, { random: () => 0, onError: (e) => errors.push(e) });
    await loop.run();
    expect(loop.waiting).toBe(true);
    await vi.advanceTimersByTimeAsync(backoffDelay(1, () => 0) - 1);
    expect(task).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(backoffDelay(2, () => 0));
    expect(task).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(backoffDelay(3, () => 0));
    expect(task).toHaveBeenCalledTimes(4);
    expect(errors.map((e) => (e as Error).message)).toEqual(['down 2', 'down 1', 'down 0']);
    expect(loop.waiting).toBe(false);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(task).toHaveBeenCalledTimes(4);
  });

  it('waits as long as a run asks, and runs at once when asked while waiting', async () => {
    const task = vi.fn().mockResolvedValueOnce({ retryInMs: 30_000 }).mockResolvedValue(undefined);
    const loop = new RetryLoop(task);
    await loop.run();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(task).toHaveBeenCalledTimes(1);
    await loop.run();
    expect(task).toHaveBeenCalledTimes(2);
    expect(loop.waiting).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('resolves whenIdle only after the runs asked for during a run', async () => {
    const { task, open } = gatedTask();
    const loop = new RetryLoop(task);
    void loop.run();
    void loop.run();
    let idle = false;
    void loop.whenIdle().then(() => (idle = true));
    open();
    await vi.advanceTimersByTimeAsync(0);
    expect(idle).toBe(false);
    open();
    await vi.advanceTimersByTimeAsync(0);
    expect(idle).toBe(true);
  });
});
