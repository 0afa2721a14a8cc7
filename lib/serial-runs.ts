/**
 * Runs `task` one at a time: asking while it runs causes exactly one more run after it, however
 * many times it was asked. Used by the sync scheduler and the reminder runner, which both must
 * see every change that arrives during a run without piling up runs.
 */
export class SerialRuns {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly task: () => Promise<void>) {}

  /** Resolves when the run this request causes (or joins) has finished; rejects as the task does. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.task();
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves when nothing is running. */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }
}
