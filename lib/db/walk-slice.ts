/**
 * Runs `step` (one transaction of a background walk; true while any is left) for about
 * `sliceMs`, one step at least, so a sync round goes on to pushes and pulls soon. Returns whether
 * any is left (another slice should follow).
 */
export async function walkSlice(step: () => Promise<boolean>, sliceMs: number, now: () => number): Promise<boolean> {
  const started = now();
  for (;;) {
    const left = await step();
    if (!left || now() - started >= sliceMs) return left;
  }
}
