/**
 * Issue 13, a first sign-in's progress bar (docs/sync.md, "First sign-in to a large team"): named
 * for its phase, its value the share of the team's versions covered, gone when history is done.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FirstSyncProgress } from '@/components/sync/first-sync-progress';
import { DbProvider } from '@/components/ui/db-context';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import type { FirstSync } from '@/lib/sync/first-sync';
import { INITIAL_SYNC_STATE, type Session, patchSyncState } from '@/lib/sync/session';
import { freshDb } from '../support/db';

const session: Session = { serverUrl: 'https://t.example', token: 't', clientId: 'client-0001', memberId: '01JAAAAAAAAAAAAAAAAAAAAAAA', teamId: 'team-1', teamName: 'Acme', deviceName: 'd', signedInAt: 0 };
const first: FirstSync = { teamId: 'team-1', phase: 'recent', olderThan: 1_000, upTo: 200, historyCursor: 0, startedAt: 1, usableAt: null };

describe('the first sign-in’s progress bar', () => {
  it('shows the recent phase, then older history, as a named progress bar, and goes when history is done', async () => {
    const db = freshDb();
    await db.local.bulkPut([
      { key: LOCAL_KEYS.session, value: session },
      { key: LOCAL_KEYS.syncState, value: { ...INITIAL_SYNC_STATE, cursor: 40 } },
      { key: LOCAL_KEYS.firstSync, value: first },
    ]);
    render(
      <DbProvider db={db}>
        <FirstSyncProgress />
      </DbProvider>,
    );
    const bar = await screen.findByRole('progressbar', { name: 'Getting Acme’s people and recent history' });
    expect(bar).toHaveAttribute('data-testid', 'first-sync-progress');
    expect(bar).toHaveAttribute('aria-valuenow', '20');
    expect(bar).toHaveAttribute('aria-valuetext', '20% — Tandem is usable when this is done');

    await patchSyncState(db, { cursor: 100 });
    await waitFor(() => expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50'));

    await db.local.put({ key: LOCAL_KEYS.firstSync, value: { ...first, phase: 'history', historyCursor: 150, usableAt: 2 } });
    const older = await screen.findByRole('progressbar', { name: 'Getting Acme’s older history in the background' });
    expect(older).toHaveAttribute('aria-valuenow', '75');
    expect(screen.getByText(/Ready to use\. Older history: 75%/)).toBeInTheDocument();
    // Without `caveat` (Options, the popup) the bar says nothing of what is missing.
    expect(screen.queryByTestId('history-arriving')).not.toBeInTheDocument();

    await db.local.delete(LOCAL_KEYS.firstSync);
    await waitFor(() => expect(screen.queryByRole('progressbar')).not.toBeInTheDocument());
  });

  it('shows nothing for another team’s first sign-in', async () => {
    const db = freshDb();
    await db.local.bulkPut([
      { key: LOCAL_KEYS.session, value: session },
      { key: LOCAL_KEYS.firstSync, value: { ...first, teamId: 'team-2' } },
    ]);
    const { container } = render(
      <DbProvider db={db}>
        <FirstSyncProgress />
        <p>rendered</p>
      </DbProvider>,
    );
    await screen.findByText('rendered');
    await new Promise((r) => setTimeout(r, 50));
    expect(container.querySelector('[data-testid="first-sync-progress"]')).toBeNull();
  });

  it('on a view of the team’s history, says what is missing while older history arrives, and nothing once it is in', async () => {
    const db = freshDb();
    const olderThan = Date.UTC(2026, 8, 2, 12);
    await db.local.bulkPut([
      { key: LOCAL_KEYS.session, value: session },
      { key: LOCAL_KEYS.firstSync, value: { ...first, olderThan } },
    ]);
    render(
      <DbProvider db={db}>
        <FirstSyncProgress caveat />
      </DbProvider>,
    );
    await screen.findByRole('progressbar', { name: 'Getting Acme’s people and recent history' });
    // Before it is usable, the bar says so; nothing is said of older history yet.
    expect(screen.queryByTestId('history-arriving')).not.toBeInTheDocument();

    await db.local.put({ key: LOCAL_KEYS.firstSync, value: { ...first, olderThan, phase: 'history', historyCursor: 20, usableAt: 2 } });
    expect(await screen.findByTestId('history-arriving')).toHaveTextContent(/^Activities and notes from before 2 Sept? 2026 are still arriving/);

    await db.local.delete(LOCAL_KEYS.firstSync);
    await waitFor(() => expect(screen.queryByTestId('history-arriving')).not.toBeInTheDocument());
  });
});
