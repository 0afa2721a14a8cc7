import type { Page } from 'playwright-core';

/** The requisitions page, through its labels and test hooks. */
export class RequisitionsPage {
  constructor(readonly page: Page) {}

  async create({ title, hiringManager, mustHaves, niceToHaves = [] }: { title: string; hiringManager: string; mustHaves: string[]; niceToHaves?: string[] }) {
    await this.page.getByRole('button', { name: 'New requisition' }).click();
    const editor = this.page.getByTestId('requisition-editor');
    await editor.getByLabel('Title', { exact: true }).fill(title);
    const manager = editor.getByLabel('Hiring manager', { exact: true });
    // The team's members arrive with the page's first pull.
    await manager.locator('option', { hasText: hiringManager }).waitFor({ state: 'attached', timeout: 20_000 });
    await manager.selectOption({ label: hiringManager });
    const add = async (label: string, items: string[]) => {
      for (const item of items) {
        await editor.getByLabel(label).fill(item);
        await editor.getByLabel(label).press('Enter');
      }
    };
    await add('Add a must-have', mustHaves);
    await add('Add a nice-to-have', niceToHaves);
    await editor.getByTestId('requisition-save').click();
    await editor.waitFor({ state: 'detached' });
  }
}
