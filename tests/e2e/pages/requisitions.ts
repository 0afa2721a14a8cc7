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
    for (const item of mustHaves) await editor.getByLabel('Add a must-have').fill(item), await editor.getByLabel('Add a must-have').press('Enter');
    for (const item of niceToHaves) await editor.getByLabel('Add a nice-to-have').fill(item), await editor.getByLabel('Add a nice-to-have').press('Enter');
    await editor.getByTestId('requisition-save').click();
    await editor.waitFor({ state: 'detached' });
  }
}
