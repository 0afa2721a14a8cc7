import { z } from 'zod';

/**
 * The poke channel: a WebSocket on which the server tells a signed-in device that its team has
 * a new version, so the device pulls at once instead of at its next 30 s tick. It carries no
 * team data, only the version. The device token travels in the first message, never in the URL
 * (URLs end up in logs) and never in a header a browser's WebSocket cannot set.
 */
export const POKE_PATH = '/v1/poke';

/**
 * How often the device says it is there. Under Chrome's 30 s: a message on a WebSocket keeps an
 * MV3 service worker alive (Chrome 116+), and this is also how either side notices a dead link.
 */
export const POKE_HEARTBEAT_MS = 20_000;
/** The device closes a connection whose server has not answered for this long, and reconnects. */
export const POKE_SERVER_SILENCE_MS = POKE_HEARTBEAT_MS + 10_000;
/** The server closes a connection it has heard nothing from for this long (two heartbeats missed). */
export const POKE_CLIENT_SILENCE_MS = 3 * POKE_HEARTBEAT_MS;
/** A connection must say hello within this long. */
export const POKE_HELLO_TIMEOUT_MS = 10_000;

/** Close codes (4000–4999 are the application's); `reason` says the same in words. */
export const POKE_CLOSE = {
  /** The server is stopping: connect again (to it or another process) with backoff. */
  goingAway: 1001,
  /** Something failed on the server (its database did not answer): try again with backoff. */
  serverError: 1011,
  /** The first message was not a valid hello, or a message was not understood. */
  badMessage: 4400,
  /** Unknown, revoked or signed-out token: do not reconnect until the device signs in again. */
  signedOut: 4401,
  /** No hello in time. */
  helloTimeout: 4408,
  /** A newer connection of the same device took over. */
  replaced: 4409,
  /** Too many wrong tokens from this address: wait a minute. */
  tooMany: 4429,
} as const;

export const PokeClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), token: z.string().min(1).max(200) }),
  z.object({ type: z.literal('ping') }),
]);
export type PokeClientMessage = z.infer<typeof PokeClientMessage>;

export const PokeServerMessage = z.discriminatedUnion('type', [
  /** Authenticated; the team's version now (a device behind it pulls: it may have missed pokes while away). */
  z.object({ type: z.literal('ready'), version: z.number().int().nonnegative() }),
  /** The team has reached at least this version. */
  z.object({ type: z.literal('poke'), version: z.number().int().nonnegative() }),
  z.object({ type: z.literal('pong') }),
]);
export type PokeServerMessage = z.infer<typeof PokeServerMessage>;

/** The poke channel's address for a server address: ws: for http:, wss: for https:. */
export function pokeUrl(serverUrl: string): string {
  const url = new URL(`${serverUrl.replace(/\/+$/, '')}${POKE_PATH}`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
