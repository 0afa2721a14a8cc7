import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POKE_CLOSE, POKE_HEARTBEAT_MS, POKE_SERVER_SILENCE_MS } from '@/lib/model';
import { backoffDelay } from '@/lib/retry-loop';
import { PokeClient, type PokeConnectionState } from '@/lib/sync/poke-client';
import { FakeSocket } from '../../support/fake-socket';

let session: { serverUrl: string; token: string } | undefined;
let sockets: FakeSocket[];
let states: PokeConnectionState[];
let pokes: number[];
let refused: number;

function client() {
  return new PokeClient({
    session: () => Promise.resolve(session),
    onPoke: (v) => pokes.push(v),
    onState: (s) => states.push(s),
    onRefused: () => refused++,
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    random: () => 0.5,
  });
}

const last = () => sockets.at(-1)!;
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  session = { serverUrl: 'https://tandem.acme.example/team', token: 'secret-token' };
  sockets = [];
  states = [];
  pokes = [];
  refused = 0;
});
afterEach(() => vi.useRealTimers());

describe('PokeClient', () => {
  it('says hello with the token in its first message; the URL carries no token', async () => {
    void client().restart();
    await settle();
    expect(last().url).toBe('wss://tandem.acme.example/team/v1/poke');
    expect(last().url).not.toContain('secret');
    expect(last().sent).toEqual([]);
    last().open();
    expect(last().sent).toEqual([{ type: 'hello', token: 'secret-token' }]);
    expect(states).toEqual([{ state: 'connecting' }]);
  });

  it('hands on the version of ready and of every poke, and is live once ready', async () => {
    void client().restart();
    await settle();
    last().open();
    last().say({ type: 'ready', version: 7 });
    last().say({ type: 'poke', version: 9 });
    last().say({ type: 'pong' });
    last().say({ type: 'poke', version: 'not a number' });
    expect(pokes).toEqual([7, 9]);
    expect(states.at(-1)).toEqual({ state: 'live' });
  });

  it('pings every 20 s; a server silent for longer is left, and the connection made again soon', async () => {
    void client().restart();
    await settle();
    const first = last();
    first.open();
    first.say({ type: 'ready', version: 1 });
    await vi.advanceTimersByTimeAsync(POKE_HEARTBEAT_MS);
    expect(first.sent).toEqual([{ type: 'hello', token: 'secret-token' }, { type: 'ping' }]);
    first.say({ type: 'pong' });
    // Nothing more from the server: at the first heartbeat past the silence limit it gives up.
    await vi.advanceTimersByTimeAsync(POKE_HEARTBEAT_MS * 2);
    expect(first.closedWith?.code).toBe(4001);
    expect(states.at(-1)).toMatchObject({ state: 'retrying', error: 'the server stopped answering' });
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(backoffDelay(1, () => 0.5));
    expect(sockets).toHaveLength(2);
    expect(POKE_SERVER_SILENCE_MS).toBeLessThan(POKE_HEARTBEAT_MS * 2);
  });

  it('comes back soon after losing a connection that worked, and backs off further while attempts fail', async () => {
    void client().restart();
    await settle();
    last().open();
    last().say({ type: 'ready', version: 1 });
    last().end(POKE_CLOSE.goingAway, 'the server is restarting; connect again in a moment');
    await settle();
    expect(states.at(-1)).toEqual({ state: 'retrying', error: 'the server is restarting; connect again in a moment', retryAt: Date.now() + backoffDelay(1, () => 0.5) });
    await vi.advanceTimersByTimeAsync(backoffDelay(1, () => 0.5));
    expect(sockets).toHaveLength(2);
    // The server is gone: each failed attempt waits longer.
    last().end(1006);
    await settle();
    expect(states.at(-1)).toMatchObject({ state: 'retrying', error: 'cannot reach the server' });
    await vi.advanceTimersByTimeAsync(backoffDelay(2, () => 0.5) - 1);
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(3);
    last().end(1006);
    await vi.advanceTimersByTimeAsync(backoffDelay(3, () => 0.5) - 1);
    expect(sockets).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(4);
    // Back: live, and the next loss starts from the short delay again.
    last().open();
    last().say({ type: 'ready', version: 2 });
    last().end(1006);
    await settle();
    expect(states.at(-1)).toMatchObject({ state: 'retrying', retryAt: Date.now() + backoffDelay(1, () => 0.5) });
  });

  it('stops when the server refuses the token, says so, and connects again only for a new session', async () => {
    const c = client();
    void c.restart();
    await settle();
    last().open();
    last().end(POKE_CLOSE.signedOut, 'access for this device was revoked; ask your admin for a new invite code');
    await settle();
    expect(states.at(-1)).toEqual({ state: 'refused', error: 'access for this device was revoked; ask your admin for a new invite code' });
    expect(refused).toBe(1);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(sockets).toHaveLength(1);

    session = { serverUrl: 'http://127.0.0.1:8787', token: 'new-token' };
    void c.restart();
    await settle();
    expect(sockets).toHaveLength(2);
    expect(last().url).toBe('ws://127.0.0.1:8787/v1/poke');
    last().open();
    expect(last().sent).toEqual([{ type: 'hello', token: 'new-token' }]);
  });

  it('leaves the channel to a newer connection of the same device', async () => {
    void client().restart();
    await settle();
    last().open();
    last().end(POKE_CLOSE.replaced, 'a newer connection of this device took over');
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(sockets).toHaveLength(1);
    expect(states.at(-1)).toEqual({ state: 'off' });
  });

  it('closes its connection when the session changes or ends, and opens none while signed out', async () => {
    const c = client();
    void c.restart();
    await settle();
    const first = last();
    first.open();
    first.say({ type: 'ready', version: 1 });
    session = undefined;
    void c.restart();
    await settle();
    expect(first.closedWith).toEqual({ code: 4000, reason: 'the session changed' });
    expect(sockets).toHaveLength(1);
    expect(states.at(-1)).toEqual({ state: 'off' });
    // Its late goodbye changes nothing.
    first.end(4000);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(sockets).toHaveLength(1);
  });
});
