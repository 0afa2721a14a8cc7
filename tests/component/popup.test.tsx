import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ulid } from 'ulidx';
import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { PopupApp } from '@/components/popup/popup-app';
import type { ActiveTab } from '@/components/popup/use-active-tab';
import { DbProvider } from '@/components/ui/db-context';
import { activityLog, followUpSet, noteAdd, prospectUpsert, requisitionSave, reviewRequest } from '@/lib/mutations';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { mutate } from '@/lib/db/mutate';
import { arrived, freshDb, identity, member, signInAs } from '../support/db';

const onProfile: ActiveTab = { phase: 'ready', tabId: 3, state: { status: 'identified', url: 'u', at: 0, identity: identity() } };

describe('popup', () => {
  it("shows the current tab's person with the team's counts", async () => {
    const db = freshDb();
    const ctx = member();
    await signInAs(db, ctx);
    const { result: prospectId } = await mutate(db, prospectUpsert, { identity: identity() }, ctx);
    await mutate(db, noteAdd, { prospectId: prospectId!, body: 'a' }, ctx);
    await mutate(db, noteAdd, { prospectId: prospectId!, body: 'mine', visibility: 'private' }, member());
    await mutate(db, activityLog, { prospectId: prospectId!, kind: 'outreach', data: { channel: 'email' } }, ctx);
    const onShow = vi.fn();
    render(
      <DbProvider db={db}>
        <PopupApp active={onProfile} onShowSidebar={onShow} />
      </DbProvider>,
    );
    expect(screen.getByTestId('popup-name')).toHaveTextContent('Ada Lovelace');
    const counts = await screen.findByTestId('popup-counts');
    expect(within(counts).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['1 activity', '1 note']);
    expect(within(screen.getByTestId('popup-warnings')).getAllByRole('listitem').map((li) => li.dataset.warning)).toEqual(['recent_outreach']);
    await userEvent.click(screen.getByRole('button', { name: 'Show sidebar' }));
    expect(onShow).toHaveBeenCalledWith(3, true);
  });

  it('says when the tab shows nobody, or someone it cannot identify', () => {
    const db = freshDb();
    const { rerender } = render(
      <DbProvider db={db}>
        <PopupApp active={{ phase: 'ready', tabId: 1, state: null }} />
      </DbProvider>,
    );
    expect(screen.getByText(/does not show a profile/)).toBeInTheDocument();
    rerender(
      <DbProvider db={db}>
        <PopupApp active={{ phase: 'ready', tabId: 1, state: { status: 'unidentified', url: 'u', at: 0 } }} />
      </DbProvider>,
    );
    expect(screen.getByText(/could not identify/)).toBeInTheDocument();
  });
});

describe('popup: what waits for me', () => {
  it('lists reviews waiting for me, most overdue first with how late, and follow-ups due', async () => {
    const db = freshDb();
    const recruiter = member('recruiter', 'Riley Recruiter');
    const hm = member('hiring_manager', 'Hannah Manager');
    await signInAs(db, hm);
    await arrived(db, 'members', { id: recruiter.me.memberId, teamId: 'local', version: 1, deletedAt: null, name: 'Riley Recruiter', email: 'r@x.example', role: 'recruiter' });
    const requisitionId = ulid();
    await mutate(db, requisitionSave, { id: requisitionId, title: 'Staff Platform Engineer', hiringManagerId: hm.me.memberId, stages: ['Sourced'], feedbackSlaHours: 24 }, recruiter);
    const ada = (await mutate(db, prospectUpsert, { identity: identity('ada') }, recruiter)).result!;
    const grace = (await mutate(db, prospectUpsert, { identity: identity('grace') }, recruiter)).result!;
    const alan = (await mutate(db, prospectUpsert, { identity: identity('alan') }, recruiter)).result!;
    const HOUR = 3_600_000;
    await mutate(db, reviewRequest, { requisitionId, reviewerId: hm.me.memberId, prospectIds: [ada], activityIds: [ulid()], at: Date.now() - 2 * HOUR }, recruiter);
    await mutate(db, reviewRequest, { requisitionId, reviewerId: hm.me.memberId, prospectIds: [grace, alan], activityIds: [ulid(), ulid()], at: Date.now() - 72 * HOUR }, recruiter);
    await mutate(db, followUpSet, { prospectId: grace, dueAt: Date.now() - HOUR, note: '' }, hm);
    await mutate(db, followUpSet, { prospectId: ada, dueAt: Date.now() + 48 * HOUR, note: '' }, hm);
    render(
      <DbProvider db={db}>
        <PopupApp active={{ phase: 'ready', tabId: 1, state: null }} />
      </DbProvider>,
    );
    const reviews = await screen.findByTestId('popup-reviews');
    const items = within(reviews).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([expect.stringMatching(/^2 people for Staff Platform Engineer from Riley Recruiter · overdue by 2 days/), expect.stringMatching(/^1 person for Staff Platform Engineer from Riley Recruiter · due in 2[12] hours/)]);
    const followUps = await screen.findByTestId('popup-follow-ups');
    expect(within(followUps).getAllByRole('listitem')).toHaveLength(1);
    // The identity helper names everyone Ada Lovelace; the due one is grace's record.
    expect(followUps).toHaveTextContent('Ada Lovelace');
    await userEvent.click(within(followUps).getByRole('button', { name: 'Done: follow up with Ada Lovelace' }));
    await waitFor(() => expect(screen.queryByTestId('popup-follow-ups')).toBeNull());
  });

  it('says why a follow-up could not be marked done (signed out), rather than failing silently', async () => {
    const db = freshDb();
    const me = member('recruiter', 'Riley Recruiter');
    await signInAs(db, me);
    const ada = (await mutate(db, prospectUpsert, { identity: identity('ada') }, me)).result!;
    await mutate(db, followUpSet, { prospectId: ada, dueAt: Date.now() - 1000, note: '' }, me);
    await db.local.bulkDelete([LOCAL_KEYS.session]);
    await db.local.put({ key: LOCAL_KEYS.signedOut, value: { teamId: me.me.teamId, teamName: 'Acme', memberId: me.me.memberId, at: Date.now() } });
    render(
      <DbProvider db={db}>
        <PopupApp active={{ phase: 'ready', tabId: 1, state: null }} />
      </DbProvider>,
    );
    const followUps = await screen.findByTestId('popup-follow-ups');
    await userEvent.click(within(followUps).getByRole('button', { name: 'Follow up with Ada Lovelace tomorrow' }));
    expect(await within(followUps).findByRole('alert')).toHaveTextContent('you are signed out: sign in to Acme again to record changes');
    expect(within(followUps).getAllByRole('listitem')).toHaveLength(1);
  });
});

describe('popup: opening a follow-up’s profile', () => {
  /** A follow-up due now for a person whose first profile link is `url` (stored as it came, unchecked). */
  async function dueFollowUp(url: string) {
    const db = freshDb();
    const me = member('recruiter', 'Riley Recruiter');
    await signInAs(db, me);
    const prospectId = (await mutate(db, prospectUpsert, { identity: identity('ada') }, me)).result!;
    const stored = (await db.prospects.get(prospectId))!;
    await arrived(db, 'prospects', { ...stored, profiles: [{ ...stored.profiles[0]!, url }] });
    await mutate(db, followUpSet, { prospectId, dueAt: Date.now() - 1000, note: '' }, me);
    const create = vi.spyOn(browser.tabs, 'create').mockResolvedValue(undefined);
    render(
      <DbProvider db={db}>
        <PopupApp active={{ phase: 'ready', tabId: 1, state: null }} />
      </DbProvider>,
    );
    return { create, followUps: await screen.findByTestId('popup-follow-ups') };
  }

  it('opens the person’s own profile page', async () => {
    const { create, followUps } = await dueFollowUp('https://www.linkedin.com/in/ada/');
    await userEvent.click(within(followUps).getByRole('button', { name: 'Ada Lovelace' }));
    expect(create).toHaveBeenCalledWith({ url: 'https://www.linkedin.com/in/ada/' });
  });

  it.each(['data:text/html,<h1>Sign in to LinkedIn</h1>', 'javascript:alert(1)', 'https://linkedin.com.evil.example/in/ada/'])('does not open %s', async (url) => {
    const { create, followUps } = await dueFollowUp(url);
    expect(within(followUps).getByText('Ada Lovelace')).toBeInTheDocument();
    expect(within(followUps).queryByRole('button', { name: 'Ada Lovelace' })).toBeNull();
    expect(within(followUps).queryByRole('link')).toBeNull();
    expect(create).not.toHaveBeenCalled();
  });
});

