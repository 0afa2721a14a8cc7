import type { Role } from '@/lib/model';
import { expect } from 'vitest';
import { OptionsPage } from '../pages/options';
import { SidebarPage } from '../pages/sidebar';
import type { ExtensionBrowser } from './chromium';
import type { TeamServer } from './team-server';

/** Signs the browser in to the team as a new member with this email and role; returns its options page. */
export async function signInToTeam(browser: ExtensionBrowser, server: TeamServer, email: string, role: Role): Promise<OptionsPage> {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('options.html'));
  const options = new OptionsPage(page);
  await options.signIn(server.url, await server.invite(email, role));
  return options;
}

/** Opens a profile in a new tab and waits until the sidebar shows the person. */
export async function openProfile(browser: ExtensionBrowser, url: string, name: string): Promise<SidebarPage> {
  const page = await browser.context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const sidebar = new SidebarPage(page);
  await expect.poll(() => sidebar.name.textContent()).toBe(name);
  return sidebar;
}
