import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { ulid } from 'ulidx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PEOPLE_PAGE } from '@/components/dashboard/people/people-view';
import { type TandemDB, fromStoredRow, toStoredRow, writableTables } from '@/lib/db/database';
import { fillDeferredIndexes, leaveIndexesForLater } from '@/lib/db/deferred-indexes';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { fillUpgradeWalks } from '@/lib/db/upgrade-walks';
import { mutate } from '@/lib/db/mutate';
import { pipelineEntryId } from '@/lib/model';
import { activityLog, noteAdd, pipelineMove, prospectUpsert, requisitionSave } from '@/lib/mutations';
import { readTray } from '@/lib/review/batch-tray';
import { renderDashboard } from '../support/render-dashboard';
import { arrived, freshDb, identity, member, signInAs } from '../support/db';

let db: TandemDB;
const riley = member('recruiter', 'Riley Recruiter');
const HM = ulid();

beforeEach(async () => {
  db = freshDb();
  await signInAs(db, riley);
  await arrived(db, 'members', { id: HM, teamId: 'local', version: 1, deletedAt: null, name: 'Hana Manager', email: 'hana@example.com', role: 'hiring_manager' });
});

afterEach(() => {
  cleanup();
  db.close();
  window.history.replaceState(null, '', '/');
});

const renderPeople = () => renderDashboard(db, '#people');

async function person(slug: string, name: string, patch: { headline?: string; company?: string; location?: string } = {}) {
  const { result } = await mutate(db, prospectUpsert, { identity: identity(slug, { name, headline: patch.headline ?? null, company: patch.company ?? null, location: patch.location ?? null }) }, riley);
  return result!;
}

async function requisition(title: string) {
  const { result } = await mutate(db, requisitionSave, { title, hiringManagerId: HM, recruiterIds: [riley.me.memberId], mustHaves: [], niceToHaves: [], targetHires: 1, targetDate: null, stages: ['Sourced', 'Screen', 'Onsite', 'Offer', 'Hired'], status: 'open' }, riley);
  return result!;
}

const shownIds = () => screen.queryAllByTestId('people-result').map((row) => row.getAttribute('data-prospect-id'));
const shownNames = () => screen.queryAllByTestId('people-result').map((row) => row.getAttribute('aria-label'));

describe('People view', () => {
  it('finds people by name, headline, company, location and the notes the member may read', async () => {
    const ada = await person('ada', 'Ada Lovelace', { headline: 'Analyst', company: 'Engines Ltd', location: 'London' });
    const grace = await person('grace', 'Grace Hopper', { location: 'Arlington' });
    await mutate(db, noteAdd, { prospectId: grace, body: 'Wrote the first COBOL compiler' }, riley);
    await arrived(db, 'notes', { id: ulid(), teamId: 'local', version: 1, deletedAt: null, prospectId: ada, authorId: 'SOMEONE-ELSE', body: 'private: cobolesque', visibility: 'private', mentions: [], createdAt: 1, editedAt: null });
    const user = renderPeople();
    const search = await screen.findByTestId('people-search');
    expect(search).toHaveAccessibleName('Search people');
    await waitFor(() => expect(shownNames().sort()).toEqual(['Ada Lovelace', 'Grace Hopper']));
    await user.type(search, 'cobol');
    await waitFor(() => expect(shownIds()).toEqual([grace]));
    await user.clear(search);
    await user.type(search, 'engines lond');
    await waitFor(() => expect(shownIds()).toEqual([ada]));
  });

  it('says it is still indexing while a first sign-in has left people and notes without their search words, and finds them once filled', async () => {
    const ada = await person('ada', 'Ada Lovelace', { headline: 'Analyst', company: 'Engines Ltd' });
    // As a first sign-in's recent phase stores them: without search words, the backlog noted.
    const row = fromStoredRow('prospects', (await db.prospects.get(ada))!);
    await db.transaction('rw', writableTables(db), async () => {
      allowSyncedWrites('pull');
      await db.prospects.put(toStoredRow('prospects', { ...row, version: 1 }, { searchWords: false }));
      await leaveIndexesForLater(db);
    });
    const user = renderPeople();
    const search = await screen.findByTestId('people-search');
    const notice = await screen.findByTestId('people-search-indexing');
    expect(notice).toHaveTextContent(/still indexing/i);
    await waitFor(() => expect(search).toHaveAccessibleDescription(/still indexing/i));
    await user.type(search, 'engines');
    await screen.findByText('Nobody matches.');
    await fillDeferredIndexes(db, 1_000);
    await waitFor(() => expect(shownIds()).toEqual([ada]));
    expect(screen.queryByTestId('people-search-indexing')).toBeNull();
  });

  it('says it is still indexing while the notes stored before v16 are being listed, and not once they are', async () => {
    const ada = await person('ada', 'Ada Lovelace');
    await mutate(db, noteAdd, { prospectId: ada, body: 'Knows Kubernetes well' }, riley);
    // As the upgrade to v16 leaves it on a device with notes.
    await db.local.put({ key: LOCAL_KEYS.noteWordsBacklog, value: { after: null } });
    renderPeople();
    expect(await screen.findByTestId('people-search-indexing')).toHaveTextContent(/people and notes/i);
    await fillUpgradeWalks(db, 1_000);
    await waitFor(() => expect(screen.queryByTestId('people-search-indexing')).toBeNull());
  });

  it('keeps a shown search in step with the data: a person arriving, renamed, or removed while it is shown', async () => {
    await person('ada', 'Ada Lovelace');
    const user = renderPeople();
    const search = await screen.findByTestId('people-search');
    await user.type(search, 'zed');
    await screen.findByText('Nobody matches.');
    const zed = await person('zed', 'Zed Newcomer');
    await waitFor(() => expect(shownNames()).toEqual(['Zed Newcomer']));
    const row = (await db.prospects.get(zed))!;
    await arrived(db, 'prospects', { ...row, name: 'Ann Renamed', version: row.version + 1 });
    await waitFor(() => expect(shownIds()).toEqual([]));
    await user.clear(search);
    await user.type(search, 'ann');
    await waitFor(() => expect(shownNames()).toEqual(['Ann Renamed']));
    await arrived(db, 'prospects', { ...row, name: 'Ann Renamed', version: row.version + 2, deletedAt: 2 });
    await waitFor(() => expect(shownIds()).toEqual([]));
  });

  it('focuses the search on "/", goes through the results with the arrows and opens a profile link in a new tab', async () => {
    await person('ada', 'Ada Lovelace');
    await person('grace', 'Grace Hopper');
    const user = renderPeople();
    await waitFor(() => expect(shownIds()).toHaveLength(2));
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('/');
    expect(screen.getByTestId('people-search')).toHaveFocus();
    expect(screen.getByTestId('people-search')).toHaveValue('');
    await user.keyboard('{ArrowDown}');
    const rows = screen.getAllByTestId('people-result');
    expect(rows[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(rows[1]).toHaveFocus();
    await user.keyboard(' ');
    expect(within(rows[1]!).getByRole('checkbox')).toBeChecked();
    const link = within(rows[0]!).getByRole('link', { name: /^Open profile of .* on LinkedIn \(new tab\)$/ });
    expect(link).toHaveAttribute('target', '_blank');
    expect(link.getAttribute('href')).toMatch(/^https:\/\/www\.linkedin\.com\/in\//);
  });

  it('filters: never contacted, and a requisition with the stage reached', async () => {
    const ada = await person('ada', 'Ada Lovelace');
    const grace = await person('grace', 'Grace Hopper');
    await mutate(db, activityLog, { prospectId: ada, kind: 'outreach', data: { channel: 'email' } }, riley);
    const req = await requisition('Backend Engineer');
    await mutate(db, pipelineMove, { prospectId: grace, requisitionId: req, stage: 'Onsite' }, riley);
    const user = renderPeople();
    await waitFor(() => expect(shownIds()).toHaveLength(2));
    await user.click(screen.getByRole('checkbox', { name: 'Never contacted' }));
    await waitFor(() => expect(shownIds()).toEqual([grace]));
    await user.click(screen.getByRole('checkbox', { name: 'Never contacted' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'In requisition' }), req);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Reached stage' }), 'Offer');
    await waitFor(() => expect(screen.getByText('Nobody matches.')).toBeInTheDocument());
    await user.selectOptions(screen.getByRole('combobox', { name: 'Reached stage' }), 'Screen');
    await waitFor(() => expect(shownIds()).toEqual([grace]));
  });

  it('adds the selected people to a requisition at a stage, and says why one was not added', async () => {
    const ada = await person('ada', 'Ada Lovelace');
    const grace = await person('grace', 'Grace Hopper');
    const req = await requisition('Backend Engineer');
    await mutate(db, pipelineMove, { prospectId: grace, requisitionId: req, stage: 'Offer' }, riley);
    const user = renderPeople();
    await waitFor(() => expect(shownIds()).toHaveLength(2));
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Add to requisition' }), req);
    await user.selectOptions(screen.getByRole('combobox', { name: 'at stage' }), 'Screen');
    await user.click(screen.getByRole('button', { name: 'Add 2 people' }));
    const outcome = await screen.findByTestId('people-add-outcome');
    expect(outcome).toHaveTextContent('Added 1 person to Backend Engineer at Screen.');
    expect(outcome).toHaveTextContent('Not added: Grace Hopper — already in Backend Engineer, at Offer');
    expect(await db.pipeline.get(pipelineEntryId(ada, req))).toMatchObject({ stage: 'Screen', status: 'active' });
    expect(await db.pipeline.get(pipelineEntryId(grace, req))).toMatchObject({ stage: 'Offer' });
  });

  it('adds a result to the review batch', async () => {
    const ada = await person('ada', 'Ada Lovelace');
    const req = await requisition('Backend Engineer');
    const user = renderPeople();
    await user.click(await screen.findByRole('button', { name: 'Add to review: Ada Lovelace' }));
    await waitFor(async () => expect(await readTray(db)).toEqual({ requisitionId: req, prospectIds: [ada] }));
    expect(await screen.findByRole('button', { name: 'In the review batch: Ada Lovelace' })).toBeDisabled();
  });

  it('saves a search under a name, applies it later, and offers the built-in silver medalists', async () => {
    await person('ada', 'Ada Lovelace', { location: 'London' });
    await person('grace', 'Grace Hopper');
    const user = renderPeople();
    await user.type(await screen.findByTestId('people-search'), 'london');
    await user.click(screen.getByRole('checkbox', { name: 'Never contacted' }));
    await user.type(screen.getByRole('textbox', { name: 'Save this search as' }), 'Londoners');
    await user.click(screen.getByRole('button', { name: 'Save search' }));
    const saved = await screen.findByRole('button', { name: 'Londoners' });
    expect((await db.savedSearches.toArray()).map((s) => [s.name, s.ownerId, s.query.text, s.query.filters.neverContacted])).toEqual([['Londoners', riley.me.memberId, 'london', true]]);
    await user.click(screen.getByRole('button', { name: 'Silver medalists' }));
    expect(screen.getByTestId('people-search')).toHaveValue('');
    expect(screen.getByRole('checkbox', { name: /Silver medalists/ })).toBeChecked();
    await waitFor(() => expect(screen.getByText('Nobody matches.')).toBeInTheDocument());
    await user.click(saved);
    expect(screen.getByTestId('people-search')).toHaveValue('london');
    await waitFor(() => expect(shownNames()).toEqual(['Ada Lovelace']));
    await user.click(screen.getByRole('button', { name: 'Delete saved search Londoners' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Londoners' })).toBeNull());
  });

  it(`shows ${PEOPLE_PAGE} results at a time, never the whole team`, async () => {
    await arrived(
      db,
      'prospects',
      ...Array.from({ length: PEOPLE_PAGE + 7 }, (_, i) => ({
        id: ulid(),
        teamId: 'local',
        version: 1,
        deletedAt: null,
        name: `Person ${i}`,
        headline: null,
        company: null,
        location: null,
        profiles: [],
        emails: [],
        doNotContact: null,
        createdAt: 1,
        updatedAt: 1,
      })),
    );
    const user = renderPeople();
    await waitFor(() => expect(shownIds()).toHaveLength(PEOPLE_PAGE));
    expect(screen.getByText(`${PEOPLE_PAGE + 7} people · newest activity first`)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show 7 more' }));
    await waitFor(() => expect(shownIds()).toHaveLength(PEOPLE_PAGE + 7));
  });
});
