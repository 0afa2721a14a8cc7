import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SyncStatus } from '@/components/sync/sync-status';
import { DbProvider } from '@/components/ui/db-context';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { pokeConnection } from '@/lib/storage-items';
import { INITIAL_SYNC_STATE, type Session } from '@/lib/sync/session';
import { freshDb } from '../support/db';

const sent: unknown[][] = [];
vi.mock('@/lib/messaging', () => ({
  sendMessage: (...args: unknown[]) => {
    sent.push(args);
    return Promise.resolve();
  },
  onMessage: () => () => undefined,
}));

const session: Session = { serverUrl: 'https://t.example', token: 't', clientId: 'client-0001', memberId: '01JAAAAAAAAAAAAAAAAAAAAAAA', teamId: 'team-1', teamName: 'Acme', deviceName: 'd', signedInAt: 0 };

async function renderStatus({ signedIn, status = 'idle', pulled = true }: { signedIn: boolean; status?: 'idle' | 'signed_out'; pulled?: boolean }) {
  const db = freshDb();
  if (signedIn) {
    await db.local.bulkPut([
      { key: LOCAL_KEYS.session, value: session },
      {
        key: LOCAL_KEYS.syncState,
        value: { ...INITIAL_SYNC_STATE, status, error: status === 'signed_out' ? 'access for this device was revoked' : null, lastSyncedAt: pulled ? 1 : null },
      },
    ]);
  }
  render(
    <DbProvider db={db}>
      <SyncStatus />
    </DbProvider>,
  );
  await screen.findByText(/Synced with your team|Getting your team’s data|Saved on this device|Signed out/);
  return db;
}

beforeEach(() => {
  fakeBrowser.reset();
  sent.length = 0;
});

describe('the sync status', () => {
  it('offers "Sync now" while signed in, which asks the worker for a sync at once', async () => {
    await renderStatus({ signedIn: true });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sync now' }));
    expect(sent).toEqual([['syncNow', 'manual']]);
  });

  it('offers no "Sync now" before the device joins a team', async () => {
    await renderStatus({ signedIn: false });
    expect(screen.queryByRole('button', { name: 'Sync now' })).toBeNull();
  });

  it('offers no "Sync now" after the server refused the device', async () => {
    await renderStatus({ signedIn: true, status: 'signed_out' });
    expect(screen.queryByRole('button', { name: 'Sync now' })).toBeNull();
  });

  it('says whether the team’s changes arrive live, as the worker’s connection goes', async () => {
    await renderStatus({ signedIn: true });
    expect(screen.queryByTestId('sync-live')).toBeNull();
    await pokeConnection.setValue({ state: 'live' });
    expect(await screen.findByTestId('sync-live')).toHaveTextContent('Live: your team’s changes show as they happen');
    await pokeConnection.setValue({ state: 'retrying', error: 'cannot reach the server', retryAt: 0 });
    expect(await screen.findByText('No live updates (cannot reach the server); checking every 30 s')).toBeVisible();
  });

  it('says nothing about live updates when not signed in', async () => {
    await pokeConnection.setValue({ state: 'live' });
    await renderStatus({ signedIn: false });
    expect(screen.queryByTestId('sync-live')).toBeNull();
  });

  it('does not say "Synced" after signing in until the team’s data has come', async () => {
    await renderStatus({ signedIn: true, pulled: false });
    expect(screen.getByTestId('sync-status')).toHaveTextContent('Getting your team’s data…');
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeVisible();
  });

  it('shows a refused change in a polite live region, not an alert shouted on every profile, and dismisses it by name', async () => {
    const db = await renderStatus({ signedIn: true });
    await db.rejections.put({ mutationId: 7, name: 'note.edit', reason: 'only the author can change a note', at: 1 });
    const item = await screen.findByTestId('sync-rejection');
    expect(item).toHaveTextContent('A note edit was refused and undone: only the author can change a note');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(item.closest('[aria-live="polite"]')).not.toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Dismiss: A note edit was refused and undone: only the author can change a note' }));
    await expect.poll(() => db.rejections.count()).toBe(0);
  });
});
