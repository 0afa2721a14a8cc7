import type { Page } from 'playwright-core';

/** The options page, through its labels and test hooks. */
export class OptionsPage {
  constructor(readonly page: Page) {}

  async saveProfile({ name, email, role }: { name: string; email: string; role: string }) {
    await this.page.getByLabel('Name').fill(name);
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Role').selectOption(role);
    await this.page.getByTestId('profile-save').click();
    await this.page.getByText('Saved.').waitFor();
  }

  async signIn(serverUrl: string, code: string) {
    await this.page.getByTestId('signin-server').fill(serverUrl);
    await this.page.getByTestId('signin-code').fill(code);
    await this.page.getByTestId('signin-submit').click();
    await this.page.getByTestId('signed-in-as').waitFor();
  }

  async setGuardWindow(days: number) {
    await this.page.getByTestId('guard-window').fill(String(days));
    await this.page.getByTestId('guard-window').press('Enter');
  }
}
