import type { FrameLocator, Locator, Page } from 'playwright-core';

/** The sidebar as a user sees it, through its public test hooks. */
export class SidebarPage {
  readonly frame: FrameLocator;
  readonly element: Locator;

  constructor(readonly page: Page) {
    this.element = page.locator('iframe[data-tandem-sidebar]');
    this.frame = page.frameLocator('iframe[data-tandem-sidebar]');
  }

  get name() {
    return this.frame.getByTestId('prospect-name');
  }
  get headline() {
    return this.frame.getByTestId('prospect-headline');
  }
  get warning() {
    return this.frame.getByTestId('outreach-warning');
  }
  get feedItems() {
    return this.frame.getByTestId('activity-item');
  }
  get notes() {
    return this.frame.getByTestId('note-item');
  }
  get syncStatus() {
    return this.frame.getByTestId('sync-status');
  }
  get unidentified() {
    return this.frame.getByTestId('unidentified');
  }
  /** "Asked to be forgotten on <date> — do not contact": the page's person is in the team's suppression list. */
  get suppressionNotice() {
    return this.frame.getByTestId('suppression-notice');
  }
  /** The collapsed sidebar: a narrow tab of the frame itself, showing warnings. */
  get collapsedTab() {
    return this.frame.getByTestId('collapsed-tab');
  }

  /**
   * Hides it, and waits until the frame is the collapsed tab: the click goes from the frame through
   * the worker to the page's script, which saves the member's choice, so closing the page at once
   * could lose it (the next profile would then open).
   */
  async hide() {
    await this.frame.getByRole('button', { name: /^Hide sidebar/ }).click();
    await this.page.waitForFunction(() => {
      const frame = document.querySelector('iframe[data-tandem-sidebar]');
      return frame !== null && frame.getBoundingClientRect().width < 100;
    });
  }

  /** The sidebar's document, for what a locator cannot do (axe, evaluate). */
  async contentFrame() {
    return (await this.element.elementHandle()).contentFrame();
  }

  /** The frame's width as the page lays it out (0 when absent). */
  async width() {
    return (await this.frameState())?.width ?? 0;
  }

  /**
   * Where keyboard focus is: the page's focused element (its tag), and inside the sidebar its
   * test id, else its accessible label, else its tag.
   */
  async focus() {
    const page = await this.page.evaluate(() => document.activeElement?.tagName ?? null);
    const inside = await (await this.contentFrame())?.evaluate(() => {
      const e = document.activeElement;
      if (!e) return null;
      return e.getAttribute('data-testid') ?? e.getAttribute('aria-label') ?? e.tagName;
    });
    return { page, inside: inside ?? null };
  }

  /** How the page sees the frame: where it is, where it points, and whether it shows. */
  async frameState() {
    return this.page.evaluate(() => {
      const frames = document.querySelectorAll<HTMLIFrameElement>('iframe[data-tandem-sidebar]');
      const frame = frames[0];
      if (!frame) return null;
      const style = getComputedStyle(frame);
      const box = frame.getBoundingClientRect();
      return {
        count: frames.length,
        parent: frame.parentElement?.tagName ?? null,
        path: new URL(frame.src).pathname,
        hidden: frame.hidden,
        display: style.display,
        visibility: style.visibility,
        opacity: style.opacity,
        width: Math.round(box.width),
        right: Math.round(window.innerWidth - box.right),
      };
    });
  }

  /** Adds a note and waits until it is saved on this device (it shows in the list). */
  async addNote(text: string) {
    await this.frame.getByTestId('note-input').fill(text);
    await this.frame.getByTestId('note-submit').click();
    await this.frame.getByTestId('note-item').filter({ hasText: text }).first().waitFor();
  }

  /** Edits one of the member's notes and waits until the new text shows. */
  async editNote(from: string, to: string) {
    await this.frame.getByTestId('note-item').filter({ hasText: from }).getByRole('button', { name: 'Edit note' }).click();
    const editor = this.frame.getByRole('textbox', { name: 'Edit note' });
    await editor.fill(to);
    await this.frame.locator('form', { has: editor }).getByRole('button', { name: 'Save' }).click();
    await this.frame.getByTestId('note-item').filter({ hasText: to }).first().waitFor();
  }

  /** Erases the person everywhere, confirming with their name as typed. */
  async erase(name: string) {
    await this.frame.getByTestId('erase-person').click();
    await this.frame.getByLabel('Type their name to confirm').fill(name);
    await this.frame.getByTestId('erase-submit').click();
  }

  async log(label: 'InMail sent' | 'Email sent' | 'Call' | 'Replied' | 'Not interested') {
    await this.frame.getByRole('button', { name: label, exact: true }).click();
  }
}
