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

  /** Signs out, keeping the team's data and unsent changes on this browser. */
  async signOut() {
    await this.page.getByTestId('signout-submit').click();
    await this.page.getByTestId('signin-submit').waitFor();
  }

  get syncStatus() {
    return this.page.getByTestId('sync-status');
  }

  /** The question about unsent changes of another team, asked after signing in to this one. */
  get otherTeamChanges() {
    return this.page.getByTestId('other-team-changes');
  }

  async setGuardWindow(days: number) {
    await this.page.getByTestId('guard-window').fill(String(days));
    await this.page.getByTestId('guard-window').press('Enter');
  }
}
