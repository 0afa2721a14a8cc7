import type { Page } from 'playwright-core';

/** The hiring manager's review page, through its public test hooks and keyboard. */
export class ReviewPage {
  constructor(readonly page: Page) {}

  get personName() {
    return this.page.getByTestId('review-person-name');
  }
  get progress() {
    return this.page.getByTestId('review-progress');
  }

  /** Ticks a scorecard item of the person in view as met or missing. */
  async mark(item: string, mark: 'Met' | 'Missing') {
    await this.page.getByTestId('review-scorecard').locator('li', { hasText: item }).getByRole('button', { name: mark }).click();
  }

  async note(text: string) {
    await this.page.getByTestId('review-note').fill(text);
  }

  async approve() {
    await this.page.getByTestId('review-approve').click();
  }

  async reject() {
    await this.page.getByTestId('review-reject').click();
  }
}
