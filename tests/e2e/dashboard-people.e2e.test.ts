/**
 * Issue 10, point 1: the People view in real Chromium against a real server. A teammate's people
 * and notes arrive by sync; the member finds one by a team note's text (never by a teammate's
 * private note), narrows by a filter, and adds two results to a requisition at a stage; the
 * entries reach the server.
 */
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { PipelineEntry, PushResponse } from '@/lib/model';
import { axeViolations } from './support/axe';
import { openRequisition, signInToTeam } from './support/flows';
import { oneBrowser } from './support/one-browser';

const ROLE = 'Data Platform Engineer';
const setting = oneBrowser();

/** A teammate's changes, pushed from their own device. */
async function asTeammate(token: string, mutations: { name: string; args: unknown }[]) {
  const res = await fetch(`${setting.server.url}/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: `client-${ulid()}`, mutations: mutations.map((m, i) => ({ id: i + 1, ...m })) }),
  });
  expect((await res.json()) as PushResponse).toMatchObject({ rejected: [] });
}

const person = (id: string, slug: string, name: string, headline: string) => ({
  name: 'prospect.upsert',
  args: { id, identity: { site: 'linkedin', key: `linkedin:${slug}`, url: `https://www.linkedin.com/in/${slug}/`, name, headline, company: 'Globex', location: 'Lisbon' } },
});

describe('the People view', () => {
  it("finds a teammate's person by a note, filters, and adds two results to a requisition that syncs", async () => {
    const { server, browser } = setting;
    await openRequisition(server, ROLE, ['Sourced', 'Screen', 'Onsite', 'Offer']);
    const sam = await server.join('sam.sourcer@acme.example', 'sourcer');
    const [ines, tomas, rui] = [ulid(), ulid(), ulid()];
    await asTeammate(sam.token, [
      person(ines, 'ines-duarte', 'Inês Duarte', 'Data engineer'),
      person(tomas, 'tomas-reis', 'Tomás Reis', 'Backend engineer'),
      person(rui, 'rui-costa', 'Rui Costa', 'Site reliability engineer'),
      { name: 'note.add', args: { prospectId: ines, body: 'Led the Kafka migration; open to a move in spring' } },
      { name: 'note.add', args: { prospectId: rui, body: 'Private hunch: kafkaesque interview loop', visibility: 'private' } },
      { name: 'activity.log', args: { prospectId: tomas, kind: 'outreach', data: { channel: 'inmail' } } },
    ]);

    const options = await signInToTeam(browser, server, 'riley.recruiter@acme.example', 'recruiter');
    await expect.poll(() => options.syncStatus.getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('dashboard.html#people'));
    const results = page.getByTestId('people-result');
    const ids = () => results.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-prospect-id')));
    await expect.poll(ids, { timeout: 15_000 }).toHaveLength(3);

    // "/" reaches the box; the team note finds Inês, the teammate's private note finds nobody.
    await page.keyboard.press('/');
    const search = page.getByTestId('people-search');
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('kafka');
    await expect.poll(ids).toEqual([ines]);
    await search.fill('kafkaesque');
    await expect.poll(() => page.getByText('Nobody matches.').count()).toBe(1);

    // A filter: Tomás was contacted, so "never contacted" leaves the other two.
    await search.fill('');
    await page.getByLabel('Never contacted').check();
    await expect.poll(async () => (await ids()).sort()).toEqual([ines, rui].sort());
    expect(await axeViolations(page)).toEqual([]);

    // Both into the requisition at Screen.
    await page.getByLabel('Select all shown').check();
    await page.getByLabel('Add to requisition').selectOption({ label: ROLE });
    await page.getByLabel('at stage').selectOption('Screen');
    await page.getByRole('button', { name: 'Add 2 people' }).click();
    await expect.poll(() => page.getByTestId('people-add-outcome').textContent()).toBe(`Added 2 people to ${ROLE} at Screen.`);
    await expect
      .poll(async () => ((await server.stored('pipeline_entry')) as PipelineEntry[]).map((e) => [e.prospectId, e.stage, e.status]).sort(), { timeout: 20_000 })
      .toEqual([
        [ines, 'Screen', 'active'],
        [rui, 'Screen', 'active'],
      ].sort());
  });
});
