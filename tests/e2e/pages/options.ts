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

  /** Options → "Show Tandem in". Choosing the side panel opens it in this window. */
  async showTandemIn(label: 'the page' | 'the browser’s side panel') {
    await this.page.bringToFront();
    const select = this.page.getByLabel('Show Tandem in');
    // A click first: the browser opens the panel only while the page has the member's activation
    // (choosing an option from a script gives it none).
    await select.click();
    await select.selectOption({ label });
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

  /**
   * Signs out removing the team's data. With unsent changes it first answers the warning:
   * `export` saves them to a file (its path is returned), then they are deleted.
   */
  async signOutRemovingData({ expectUnsent }: { expectUnsent: RegExp }): Promise<string> {
    await this.page.getByLabel(/Also remove the team’s data/).check();
    await this.page.getByTestId('signout-submit').click();
    await this.page.getByRole('alertdialog', { name: expectUnsent }).waitFor();
    const file = await this.download(() => this.page.getByTestId('export-unsent').click());
    await this.page.getByTestId('wipe-confirm').click();
    await this.page.getByTestId('signin-submit').waitFor();
    return file;
  }

  /** Exports the data as JSON; returns where the file was saved. */
  exportData(): Promise<string> {
    return this.download(() => this.page.getByTestId('export').click());
  }

  private async download(click: () => Promise<void>): Promise<string> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), click()]);
    const file = await download.path();
    if (!file) throw new Error(`the download failed: ${await download.failure()}`);
    return file;
  }

  /** Chooses a file to import: the page then says what it would do (`importPlan`) and waits. */
  async chooseImport(file: string) {
    await this.page.getByTestId('import').setInputFiles(file);
    await this.importPlan.waitFor();
  }

  get importPlan() {
    return this.page.getByTestId('import-plan');
  }

  async confirmImport(): Promise<string> {
    await this.page.getByTestId('import-confirm').click();
    return (await this.page.getByTestId('import-outcome').textContent()) ?? '';
  }

  /** Changes queued on this browser, read straight from its database (what would be sent). */
  queuedChanges(): Promise<number> {
    return this.page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('tandem');
          open.onerror = () => reject(new Error(`cannot open the database: ${open.error?.message}`));
          open.onsuccess = () => {
            const count = open.result.transaction('outbox').objectStore('outbox').count();
            count.onsuccess = () => (resolve(count.result), open.result.close());
            count.onerror = () => reject(new Error(`cannot count the outbox: ${count.error?.message}`));
          };
        }),
    );
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
