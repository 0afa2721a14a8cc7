import type { Page } from 'playwright-core';

/** Installs the timer: keydown timestamp → first frame after the name changed. */
export async function instrument(page: Page) {
  await page.evaluate(() => {
    const state = { startedAt: 0, lastName: '', samples: [] as number[] };
    (window as unknown as { __reviewBench: typeof state }).__reviewBench = state;
    const nameNow = () => document.querySelector('[data-testid="review-person-name"]')?.textContent ?? '';
    state.lastName = nameNow();
    window.addEventListener('keydown', (e) => void (e.key === 'j' && (state.startedAt = e.timeStamp)), true);
    const afterPaint = (cb: () => void) => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = cb;
      channel.port2.postMessage(null);
    });
    new MutationObserver(() => {
      const name = nameNow();
      if (!name || name === state.lastName) return;
      state.lastName = name;
      const startedAt = state.startedAt;
      afterPaint(() => state.samples.push(performance.now() - startedAt));
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}
