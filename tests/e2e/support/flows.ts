import { ulid } from 'ulidx';
import { expect } from 'vitest';
import type { PushResponse, Role } from '@/lib/model';
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

/**
 * A requisition with these stages, opened by a recruiter on another device through the server's
 * push (that recruiter and its hiring manager join the team for it).
 */
export async function openRequisition(server: TeamServer, title: string, stages = ['Sourced', 'Screen', 'Onsite', 'Offer']): Promise<void> {
  const [writer, manager] = [await server.join('rita.recruiter@acme.example', 'recruiter'), await server.join('hannah.manager@acme.example', 'hiring_manager')];
  const res = await fetch(`${server.url}/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${writer.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: `client-${ulid()}`, mutations: [{ id: 1, name: 'requisition.save', args: { id: ulid(), title, hiringManagerId: manager.member.id, stages } }] }),
  });
  expect((await res.json()) as PushResponse).toMatchObject({ rejected: [] });
}
