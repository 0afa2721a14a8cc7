import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SidebarApp } from '@/components/sidebar/sidebar-app';
import { SamePerson } from '@/components/prospect/same-person';
import { DbProvider } from '@/components/ui/db-context';
import { type TandemDB, fromStoredRow, toStoredRow, writableTables } from '@/lib/db/database';
import { fillDeferredIndexes, leaveIndexesForLater } from '@/lib/db/deferred-indexes';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';
import { mutate } from '@/lib/db/mutate';
import { findProspectByKey, notesFor } from '@/lib/db/queries';
import type { ProspectIdentity, Role } from '@/lib/model';
import { noteAdd, prospectUpsert } from '@/lib/mutations';
import { notSamePerson } from '@/lib/prospects/page-match';
import { freshDb, identity, member, signInAs } from '../support/db';

let db: TandemDB;
afterEach(() => db?.close());

/** A Workable candidate with no link to anyone: only a name and a company to go on. */
const workable: ProspectIdentity = {
  site: 'workable',
  key: 'workable:acme:7f3a',
  url: 'https://acme.workable.com/backend/candidates/7f3a',
  name: 'Ada Lovelace',
  headline: null,
  company: 'Analytical Engines Ltd.',
  location: null,
};

async function team(role: Role) {
  db = freshDb();
  const me = member(role, 'Riley');
  await signInAs(db, me);
  const recruiter = member('recruiter');
  const { result: ada } = await mutate(db, prospectUpsert, { identity: identity('ada-lovelace') }, recruiter);
  const { result: dup } = await mutate(db, prospectUpsert, { identity: identity('ada-l-2', { name: 'Ada L.', company: null }) }, recruiter);
  await mutate(db, noteAdd, { prospectId: dup!, body: 'Met her at the meetup' }, recruiter);
  return { me, ada: ada!, dup: dup!, user: userEvent.setup() };
}

const show = (id: ProspectIdentity) =>
  render(
    <DbProvider db={db}>
      <SamePerson identity={id} />
    </DbProvider>,
  );

describe('Same person as …?', () => {
  it('asks in the sidebar on name plus company, and Yes makes the page that person', async () => {
    const { ada, user } = await team('sourcer');
    render(
      <DbProvider db={db}>
        <SidebarApp connection={{ phase: 'ready', state: { status: 'identified', url: workable.url, at: 0, identity: workable } }} />
      </DbProvider>,
    );
    const suggestion = await screen.findByTestId('same-person-suggestion');
    expect(suggestion).toHaveTextContent('Same person as Ada Lovelace (Analytical Engines)?');
    expect(suggestion).toHaveTextContent('same name and company');
    await user.click(within(suggestion).getByRole('button', { name: 'Yes, same person as Ada Lovelace' }));
    await waitFor(() => expect(screen.queryByTestId('same-person-suggestion')).toBeNull());
    expect((await findProspectByKey(db, workable.key))?.id).toBe(ada);
  });

  it('No dismisses the suggestion for this profile on this device, and the visit is recorded as someone new', async () => {
    const { ada, user } = await team('recruiter');
    show(workable);
    await user.click(await screen.findByRole('button', { name: 'No, not Ada Lovelace' }));
    await waitFor(() => expect(screen.queryByTestId('same-person-suggestion')).toBeNull());
    expect(await notSamePerson(db, workable.key)).toEqual([ada]);
    await waitFor(async () => expect((await findProspectByKey(db, workable.key))?.name).toBe('Ada Lovelace'));
    expect((await findProspectByKey(db, workable.key))?.id).not.toBe(ada);
  });

  it('finds someone by search and asks before adding the page to them', async () => {
    const { dup, user } = await team('sourcer');
    show({ ...workable, company: null });
    expect(screen.queryByTestId('same-person-suggestion')).toBeNull();
    await user.type(await screen.findByRole('searchbox', { name: 'Search the team’s people' }), 'ada l');
    await user.click(await screen.findByRole('button', { name: 'Same person: Ada L.' }));
    const confirm = screen.getByRole('group', { name: 'Confirm the same person' });
    expect(confirm).toHaveTextContent('Add this Workable profile to Ada L.?');
    await user.click(within(confirm).getByRole('button', { name: 'Add to Ada L.' }));
    await waitFor(async () => expect((await findProspectByKey(db, workable.key))?.id).toBe(dup));
  });

  it('says the search is still indexing while a first sign-in has left people without their name words, and finds them once filled', async () => {
    const { user } = await team('sourcer');
    // As a first sign-in's recent phase stores them: without their words, the backlog noted.
    const rows = (await db.prospects.toArray()).map((r) => fromStoredRow('prospects', r));
    await db.transaction('rw', writableTables(db), async () => {
      allowSyncedWrites('pull');
      await db.prospects.bulkPut(rows.map((r) => toStoredRow('prospects', r, { searchWords: false })));
      await leaveIndexesForLater(db);
    });
    show({ ...workable, company: null });
    const search = await screen.findByRole('searchbox', { name: 'Search the team’s people' });
    await waitFor(() => expect(search).toHaveAccessibleDescription(/still indexing/i));
    await user.type(search, 'ada l');
    await screen.findByText('Nobody in the team by that name.');
    expect(screen.getByTestId('name-search-indexing')).toBeVisible();
    await fillDeferredIndexes(db, 1_000);
    await waitFor(() => expect(screen.queryByTestId('name-search-indexing')).toBeNull());
    // Typed again (an open search that found nobody is not re-read when rows change: Dexie hears no range from an empty filtered cursor).
    await user.clear(search);
    await user.type(search, 'ada l');
    await screen.findByRole('button', { name: 'Same person: Ada L.' });
  });

  it('shows a hiring manager the history of the person a page links, though they may not add the page to them', async () => {
    await team('hiring_manager');
    const linked: ProspectIdentity = { ...workable, key: 'workable:acme:9b2c', company: null, name: 'Ada L.', sameAs: [{ site: 'linkedin', key: 'linkedin:ada-l-2', url: 'https://www.linkedin.com/in/ada-l-2/' }] };
    render(
      <DbProvider db={db}>
        <SidebarApp connection={{ phase: 'ready', state: { status: 'identified', url: linked.url, at: 0, identity: linked } }} />
      </DbProvider>,
    );
    expect(await screen.findByText('Met her at the meetup')).toBeInTheDocument();
    expect(screen.getByText(/a recruiter or sourcer adds it to them/)).toBeInTheDocument();
    expect(await findProspectByKey(db, linked.key)).toBeUndefined();
  });

  it('offers hiring managers neither suggestions nor search', async () => {
    await team('hiring_manager');
    const { container } = show(workable);
    await waitFor(() => expect(container).toBeEmptyDOMElement());
    expect(screen.queryByRole('searchbox')).toBeNull();
  });
});

describe('Merge with…', () => {
  it('asks with both names and then shows the other record’s history under this person', async () => {
    const { me, ada, user } = await team('recruiter');
    const page = identity('ada-lovelace');
    render(
      <DbProvider db={db}>
        <SidebarApp connection={{ phase: 'ready', state: { status: 'identified', url: page.url, at: 0, identity: page } }} />
      </DbProvider>,
    );
    expect(screen.queryByText('Met her at the meetup')).toBeNull();
    await user.click(await screen.findByRole('button', { name: 'Merge with…' }));
    await user.type(screen.getByRole('searchbox', { name: 'Find the other record' }), 'ada');
    expect(await screen.findByRole('button', { name: 'Merge with Ada L.' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Merge with Ada Lovelace/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Merge with Ada L.' }));
    const confirm = screen.getByRole('group', { name: 'Confirm the merge' });
    expect(confirm).toHaveTextContent('Merge Ada L. into Ada Lovelace (Analytical Engines)?');
    await user.click(within(confirm).getByRole('button', { name: 'Merge into Ada Lovelace' }));
    expect(await screen.findByText('Met her at the meetup')).toBeInTheDocument();
    expect(await screen.findByText(/merged/)).toHaveTextContent('merged Ada L. into this person: one history now');
    expect((await notesFor(db, ada, me.me.memberId)).map((n) => n.body)).toEqual(['Met her at the meetup']);
    expect((await findProspectByKey(db, 'linkedin:ada-l-2'))?.id).toBe(ada);
  });

  it('is not offered to sourcers', async () => {
    await team('sourcer');
    const { container } = show(identity('ada-lovelace'));
    await waitFor(() => expect(container).toBeEmptyDOMElement());
  });
});
