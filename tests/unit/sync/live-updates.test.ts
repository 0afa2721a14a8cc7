import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { POKE_CLOSE } from '@/lib/model';
import { pokeConnection } from '@/lib/storage-items';
import { startLiveUpdates } from '@/lib/sync/live-updates';
import type { Session } from '@/lib/sync/session';
import { FakeSocket } from '../../support/fake-socket';
import { freshDb } from '../../support/db';

const session = (clientId: string, token: string): Session => ({
  serverUrl: 'http://127.0.0.1:8787',
  token,
  clientId,
  memberId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
  teamId: 'team-1',
  teamName: 'Acme',
  deviceName: 'd',
  signedInAt: 0,
});

let db: TandemDB;
let sockets: FakeSocket[];
let stop: () => void;
const scheduler = { poked: vi.fn(() => Promise.resolve()), request: vi.fn(() => Promise.resolve()) };

beforeEach(() => {
  fakeBrowser.reset();
  db = freshDb();
  sockets = [];
  scheduler.poked.mockClear();
  scheduler.request.mockClear();
  ({ stop } = startLiveUpdates(db, scheduler, {
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
  }));
});
afterEach(() => stop());

describe('live updates in the worker', () => {
  it('connects for whoever signs in, asks for a pull on each poke, and hangs up at sign-out', async () => {
    await vi.waitFor(async () => expect(await pokeConnection.getValue()).toEqual({ state: 'off' }));
    expect(sockets).toEqual([]);

    await db.local.put({ key: LOCAL_KEYS.session, value: session('client-aaaa1', 'token-1') });
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    const socket = sockets[0]!;
    socket.open();
    expect(socket.sent).toEqual([{ type: 'hello', token: 'token-1' }]);
    socket.say({ type: 'ready', version: 4 });
    socket.say({ type: 'poke', version: 6 });
    expect(scheduler.poked.mock.calls).toEqual([[4], [6]]);
    await vi.waitFor(async () => expect(await pokeConnection.getValue()).toEqual({ state: 'live' }));

    // Signing in again (a new client id) connects with the new token.
    await db.local.put({ key: LOCAL_KEYS.session, value: session('client-bbbb2', 'token-2') });
    await vi.waitFor(() => expect(sockets).toHaveLength(2));
    expect(socket.closedWith?.code).toBe(4000);
    sockets[1]!.open();
    expect(sockets[1]!.sent).toEqual([{ type: 'hello', token: 'token-2' }]);

    await db.local.delete(LOCAL_KEYS.session);
    await vi.waitFor(() => expect(sockets[1]!.closedWith?.code).toBe(4000));
    await vi.waitFor(async () => expect(await pokeConnection.getValue()).toEqual({ state: 'off' }));
    expect(sockets).toHaveLength(2);
  });

  it('asks for a sync when the server refuses the token, so the status says signed out', async () => {
    await db.local.put({ key: LOCAL_KEYS.session, value: session('client-cccc3', 'revoked') });
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    sockets[0]!.open();
    sockets[0]!.end(POKE_CLOSE.signedOut, 'access for this device was revoked; ask your admin for a new invite code');
    await vi.waitFor(() => expect(scheduler.request).toHaveBeenCalledWith('poke'));
    expect(await pokeConnection.getValue()).toEqual({ state: 'refused', error: 'access for this device was revoked; ask your admin for a new invite code' });
  });
});
