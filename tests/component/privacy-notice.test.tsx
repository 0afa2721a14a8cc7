import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ulid } from 'ulidx';
import { afterEach, describe, expect, it } from 'vitest';
import { SidebarApp } from '@/components/sidebar/sidebar-app';
import { DbProvider } from '@/components/ui/db-context';
import { activitiesFor } from '@/lib/db/queries';
import type { TandemDB } from '@/lib/db/database';
import { DEFAULT_PRIVACY, TEAM_PRIVACY_ID, type Prospect } from '@/lib/model';
import { arrived, freshDb, identity, member, signInAs } from '../support/db';

const DAY = 86_400_000;
let db: TandemDB;

afterEach(() => {
  cleanup();
  db?.close();
});

/** Ada, stored by the team `daysAgo` days ago, on her LinkedIn page. */
async function renderStoredDaysAgo(daysAgo: number, noticeDays?: number) {
  db = freshDb();
  const me = member('recruiter', 'Riley Recruiter');
  await signInAs(db, me);
  const id = identity();
  const createdAt = Date.now() - daysAgo * DAY;
  const ada: Prospect = {
    id: ulid(), teamId: 'local', version: 1, deletedAt: null, name: id.name, headline: id.headline, company: id.company, location: id.location,
    profiles: [{ site: id.site, key: id.key, url: id.url }], emails: [], doNotContact: null, createdAt, createdBy: me.me.memberId, updatedAt: createdAt,
  };
  await arrived(db, 'prospects', ada);
  if (noticeDays !== undefined) {
    await arrived(db, 'teamPrivacy', { id: TEAM_PRIVACY_ID, teamId: 'local', version: 1, deletedAt: null, ...DEFAULT_PRIVACY, noticeDays, updatedBy: me.me.memberId, updatedAt: 1 });
  }
  render(
    <DbProvider db={db}>
      <SidebarApp connection={{ phase: 'ready', state: { status: 'identified', url: id.url, at: 0, identity: id } }} />
    </DbProvider>,
  );
  return { ada, user: userEvent.setup() };
}

describe('the privacy notice in the sidebar', () => {
  it('says when the notice is due, from the day the team stored the person (30 days by default)', async () => {
    await renderStoredDaysAgo(28);
    expect(await screen.findByTestId('privacy-notice-due')).toHaveTextContent('Privacy notice due in 2 days');
  });

  it('follows the team’s setting: due today', async () => {
    await renderStoredDaysAgo(10, 10);
    expect(await screen.findByTestId('privacy-notice-due')).toHaveTextContent('Privacy notice due today');
  });

  it('follows the team’s setting: overdue', async () => {
    await renderStoredDaysAgo(13, 10);
    expect(await screen.findByTestId('privacy-notice-due')).toHaveTextContent('Privacy notice overdue by 3 days');
  });

  it('is logged sent with the keyboard (channel and day), then leaves the sidebar and shows in the feed', async () => {
    const { ada, user } = await renderStoredDaysAgo(5);
    const form = await screen.findByRole('form', { name: 'Log privacy notice sent' });
    await user.selectOptions(within(form).getByLabelText('Sent by'), 'Letter');
    const day = within(form).getByLabelText('on');
    await user.clear(day);
    await user.type(day, '2026-01-15');
    within(form).getByRole('button', { name: 'Log privacy notice sent' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByTestId('privacy-notice-due')).toBeNull());
    const [logged] = (await activitiesFor(db, ada.id)).filter((a) => a.kind === 'privacy_notice_sent');
    expect(logged).toMatchObject({ data: { channel: 'letter', sentAt: new Date(2026, 0, 15, 12).getTime() } });
    const item = (await screen.findAllByTestId('activity-item')).find((el) => el.dataset.kind === 'privacy_notice_sent');
    expect(item).toHaveTextContent('sent the privacy notice by letter on 15 Jan 2026');
  });

  it('refuses a day in the future, next to the form', async () => {
    const { user } = await renderStoredDaysAgo(5);
    const form = await screen.findByRole('form', { name: 'Log privacy notice sent' });
    const day = within(form).getByLabelText('on');
    await user.clear(day);
    await user.type(day, '2999-01-01');
    await user.click(within(form).getByRole('button', { name: 'Log privacy notice sent' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the notice cannot have been sent in the future');
    expect(screen.getByTestId('privacy-notice-due')).toBeInTheDocument();
  });
});
