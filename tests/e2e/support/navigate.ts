import type { Page } from 'playwright-core';

/**
 * An in-app navigation as LinkedIn's router does it: the URL changes first and the page swaps
 * its body a moment later.
 */
export async function navigateInApp(page: Page, path: string, html: string): Promise<void> {
  await page.evaluate(
    async ([to, next]) => {
      history.pushState({}, '', to);
      await new Promise((r) => setTimeout(r, 50));
      // The saved pages enforce Trusted Types; 'dompurify' is one of the policy names they allow.
      const tt = (window as unknown as { trustedTypes: { createPolicy(n: string, p: object): { createHTML(s: string): string } } }).trustedTypes;
      const policy = tt.createPolicy('dompurify', { createHTML: (s: string) => s });
      const doc = new DOMParser().parseFromString(policy.createHTML(next), 'text/html');
      document.body.replaceWith(document.adoptNode(doc.body));
    },
    [path, html] as const,
  );
}
