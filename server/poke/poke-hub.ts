import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { AuthError, type Authenticated, authenticate } from '@/server/auth/team-admin';
import type { Database } from '@/server/db/database';
import { EXTENSION_ORIGIN } from '@/server/http/app';
import { type BadTokenGuard, clientAddress } from '@/server/http/rate-limits';
import type { Logger } from '@/server/log';
import { POKE_CLIENT_SILENCE_MS, POKE_CLOSE, POKE_HELLO_TIMEOUT_MS, POKE_PATH, PokeClientMessage, type PokeServerMessage } from '@/lib/model';
import { POKE_INTERVAL_MS, PokeThrottle } from './poke-throttle';

/** NOTIFY channels of migration 005. */
const TEAM_VERSION = 'tandem_team_version';
const ACCESS_REVOKED = 'tandem_access_revoked';

export interface PokeHubOptions {
  db: Database;
  log: Logger;
  /** Wrong tokens count with the HTTP routes' (undefined: no limit). */
  badTokens?: BadTokenGuard;
  trustProxy?: boolean;
  intervalMs?: number;
  helloTimeoutMs?: number;
  silenceMs?: number;
}

interface Connection {
  ws: WebSocket;
  address: string;
  openedAt: number;
  lastHeardAt: number;
  /** Set once its hello was checked. */
  auth: Authenticated | null;
  saidHello: boolean;
}

const WS_REASON_BYTES = 123;
const reason = (text: string) => (Buffer.byteLength(text) <= WS_REASON_BYTES ? text : `${Buffer.from(text).subarray(0, WS_REASON_BYTES - 3).toString().replace(/\uFFFD+$/, '')}...`);

/**
 * The poke channel's server side: WebSocket connections of signed-in devices, by team. When a
 * team's version changes (a NOTIFY from the database, whichever process committed the write),
 * each of its connections hears `{type:"poke",version}`, coalesced by `PokeThrottle`; nothing
 * else of the team goes out. A connection says hello with its device token first (never in the
 * URL), is closed when that device's or member's access ends, and is dropped when it falls
 * silent. One connection per device: a newer one replaces it.
 */
export class PokeHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024, clientTracking: false });
  private readonly connections = new Set<Connection>();
  private readonly byTeam = new Map<string, Set<Connection>>();
  private readonly byDevice = new Map<string, Connection>();
  private readonly throttle: PokeThrottle;
  private readonly sweeper: ReturnType<typeof setInterval>;
  private stopListening: (() => Promise<void>) | null = null;
  private closing: Promise<void> | null = null;
  private readonly helloTimeoutMs: number;
  private readonly silenceMs: number;

  constructor(private readonly options: PokeHubOptions) {
    this.throttle = new PokeThrottle((teamId, version) => this.poke(teamId, version), options.intervalMs ?? POKE_INTERVAL_MS);
    this.helloTimeoutMs = options.helloTimeoutMs ?? POKE_HELLO_TIMEOUT_MS;
    this.silenceMs = options.silenceMs ?? POKE_CLIENT_SILENCE_MS;
    this.sweeper = setInterval(() => this.dropSilent(), Math.min(this.silenceMs, this.helloTimeoutMs) / 2);
    this.sweeper.unref();
  }

  /** Listens for the database's notifications; connections are taken before this, but hear nothing until it resolves. */
  async start(): Promise<void> {
    const { db, log } = this.options;
    this.stopListening = await db.listen([TEAM_VERSION, ACCESS_REVOKED], {
      onNotify: (channel, payload) => (channel === TEAM_VERSION ? this.versionNotified(payload) : this.accessEnded(payload)),
      onGap: () => void this.catchUp().catch((err: unknown) => log.warn({ err }, 'poke: catching up after the lost notifications failed')),
      onError: (err) => log.warn({ err }, 'poke: listening for changes failed; devices rely on polling until it is back'),
    });
  }

  /** Devices connected and signed in. */
  get size(): number {
    return this.byDevice.size;
  }

  /** For the HTTP server's `upgrade` event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    void this.upgrade(req, socket, head).catch((err: unknown) => {
      this.options.log.warn({ err }, 'poke: upgrade failed');
      socket.destroy();
    });
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const { log, badTokens } = this.options;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const refuse = (status: number, error: string, headers: Record<string, string> = {}) => {
      log.info({ method: req.method, path, status, upgrade: true }, 'request');
      const body = JSON.stringify({ error });
      const head = Object.entries({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}\r\n`);
      socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? ''}\r\n${head.join('')}\r\n${body}`);
    };
    if (path !== POKE_PATH) return refuse(404, `no WebSocket at ${path}; the poke channel is ${POKE_PATH}`);
    if (this.closing) return refuse(503, 'the server is restarting; connect again in a moment');
    // A browser page of a web site has no business here (extension pages and programs do).
    const origin = req.headers.origin;
    if (origin !== undefined && !EXTENSION_ORIGIN.test(origin)) return refuse(403, 'the poke channel is for the Tandem extension');
    const address = clientAddress(headerText(req.headers['x-forwarded-for']), () => req.socket.remoteAddress, this.options.trustProxy ?? false);
    const waitMs = (await badTokens?.waitMs(address)) ?? 0;
    if (waitMs > 0) return refuse(429, `${badTokens!.why}; try again in ${Math.ceil(waitMs / 1000)} s`, { 'retry-after': String(Math.ceil(waitMs / 1000)) });
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, address));
  }

  private accept(ws: WebSocket, address: string): void {
    if (this.closing) return ws.close(POKE_CLOSE.goingAway, 'the server is restarting; connect again in a moment');
    const now = performance.now();
    const conn: Connection = { ws, address, openedAt: now, lastHeardAt: now, auth: null, saidHello: false };
    this.connections.add(conn);
    ws.on('message', (data, isBinary) =>
      void this.onMessage(conn, data, isBinary).catch((err: unknown) => {
        this.options.log.warn({ err }, 'poke: handling a message failed');
        this.end(conn, POKE_CLOSE.serverError, 'the server could not answer; connect again later');
      }),
    );
    ws.on('error', (err) => this.options.log.debug({ err }, 'poke: connection error'));
    ws.once('close', (code) => {
      this.remove(conn);
      if (conn.auth) this.options.log.info({ memberId: conn.auth.memberId, deviceId: conn.auth.deviceId, code, seconds: Math.round((performance.now() - conn.openedAt) / 1000) }, 'poke closed');
    });
  }

  private async onMessage(conn: Connection, data: RawData, isBinary: boolean): Promise<void> {
    conn.lastHeardAt = performance.now();
    let message: PokeClientMessage;
    try {
      if (isBinary) throw new Error('binary');
      message = PokeClientMessage.parse(JSON.parse(rawText(data)));
    } catch {
      return this.end(conn, POKE_CLOSE.badMessage, 'not a poke channel message: send {"type":"hello","token":…} first, then {"type":"ping"}');
    }
    if (message.type === 'ping') {
      if (!conn.auth) return this.end(conn, POKE_CLOSE.badMessage, 'say hello with the device token first');
      return this.send(conn, { type: 'pong' });
    }
    if (conn.saidHello) return this.end(conn, POKE_CLOSE.badMessage, 'hello was already said on this connection');
    conn.saidHello = true;
    await this.hello(conn, message.token);
  }

  private async hello(conn: Connection, token: string): Promise<void> {
    const { db, log, badTokens } = this.options;
    let auth: Authenticated;
    try {
      auth = await authenticate(db, token);
    } catch (e) {
      if (e instanceof AuthError && e.status === 401) {
        await badTokens?.failed(conn.address);
        return this.end(conn, POKE_CLOSE.signedOut, e.message);
      }
      log.warn({ err: e }, 'poke: checking a token failed');
      return this.end(conn, POKE_CLOSE.serverError, 'the server could not check the device token; connect again later');
    }
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    conn.auth = auth;
    this.byDevice.get(auth.deviceId)?.ws.close(POKE_CLOSE.replaced, 'a newer connection of this device took over');
    this.byDevice.set(auth.deviceId, conn);
    let team = this.byTeam.get(auth.teamId);
    if (!team) this.byTeam.set(auth.teamId, (team = new Set()));
    team.add(conn);
    log.info({ memberId: auth.memberId, deviceId: auth.deviceId }, 'poke connected');
    // Registered first, so a change committed from here on is poked; the version tells the
    // device whether it missed any while it was away.
    const [row] = await db.query<{ version: number }>('SELECT version FROM teams WHERE id = $1', [auth.teamId]);
    this.send(conn, { type: 'ready', version: Number(row?.version ?? 0) });
  }

  private versionNotified(payload: string): void {
    const at = payload.lastIndexOf(':');
    const teamId = payload.slice(0, at);
    const version = Number(payload.slice(at + 1));
    if (at <= 0 || !Number.isSafeInteger(version)) return this.options.log.warn({ payload }, 'poke: a team version notification it cannot read');
    if (this.byTeam.has(teamId)) this.throttle.changed(teamId, version);
  }

  private poke(teamId: string, version: number): void {
    const team = this.byTeam.get(teamId);
    if (!team) return;
    const message = JSON.stringify({ type: 'poke', version } satisfies PokeServerMessage);
    for (const conn of team) if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(message);
  }

  /** "device:<id>" or "member:<id>": that device's, or all of that member's, connections close. */
  private accessEnded(payload: string): void {
    const [kind, id] = [payload.slice(0, payload.indexOf(':')), payload.slice(payload.indexOf(':') + 1)];
    for (const conn of this.byDevice.values()) {
      if ((kind === 'device' && conn.auth!.deviceId === id) || (kind === 'member' && conn.auth!.memberId === id)) {
        this.end(conn, POKE_CLOSE.signedOut, 'this device was signed out or its access was revoked; sign in again');
      }
    }
  }

  /**
   * After notifications were lost (the listening connection was down): closes connections whose
   * access ended meanwhile, and pokes every connected team with its version now.
   */
  private async catchUp(): Promise<void> {
    const { db } = this.options;
    const devices = [...this.byDevice.keys()];
    if (devices.length === 0) return;
    const valid = await db.query<{ id: string }>(
      'SELECT d.id FROM devices d JOIN members m ON m.id = d.member_id WHERE d.id = ANY($1::text[]) AND d.revoked_at IS NULL AND m.revoked_at IS NULL',
      [devices],
    );
    const still = new Set(valid.map((r) => r.id));
    for (const id of devices) if (!still.has(id)) this.accessEnded(`device:${id}`);
    const teams = await db.query<{ id: string; version: number }>('SELECT id, version FROM teams WHERE id = ANY($1::text[])', [[...this.byTeam.keys()]]);
    for (const t of teams) this.throttle.changed(t.id, Number(t.version));
  }

  /** Connections that never said hello in time, or fell silent, are dropped. */
  private dropSilent(): void {
    const now = performance.now();
    for (const conn of this.connections) {
      if (!conn.saidHello && now - conn.openedAt > this.helloTimeoutMs) {
        void this.options.badTokens?.failed(conn.address);
        this.end(conn, POKE_CLOSE.helloTimeout, `say hello with the device token within ${this.helloTimeoutMs / 1000} s`);
      } else if (now - conn.lastHeardAt > this.silenceMs) {
        conn.ws.terminate();
      }
    }
  }

  private send(conn: Connection, message: PokeServerMessage): void {
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(JSON.stringify(message));
  }

  private end(conn: Connection, code: number, text: string): void {
    this.remove(conn);
    conn.ws.close(code, reason(text));
  }

  private remove(conn: Connection): void {
    this.connections.delete(conn);
    if (!conn.auth) return;
    if (this.byDevice.get(conn.auth.deviceId) === conn) this.byDevice.delete(conn.auth.deviceId);
    const team = this.byTeam.get(conn.auth.teamId);
    team?.delete(conn);
    if (team?.size === 0) {
      this.byTeam.delete(conn.auth.teamId);
      this.throttle.forget(conn.auth.teamId);
    }
  }

  /**
   * Stops listening and closes every connection ("going away": devices reconnect, to this
   * process when it is back or to another one), waiting up to `graceMs` for their goodbyes.
   */
  close({ graceMs = 1_000 }: { graceMs?: number } = {}): Promise<void> {
    return (this.closing ??= (async () => {
      clearInterval(this.sweeper);
      this.throttle.close();
      await this.stopListening?.().catch((err: unknown) => this.options.log.warn({ err }, 'poke: stopping to listen failed'));
      const sockets = [...this.connections].map((c) => c.ws);
      const closed = Promise.all(sockets.map((ws) => (ws.readyState === WebSocket.CLOSED ? Promise.resolve() : new Promise((r) => ws.once('close', r)))));
      for (const conn of [...this.connections]) this.end(conn, POKE_CLOSE.goingAway, 'the server is restarting; connect again in a moment');
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([closed, new Promise((r) => (timer = setTimeout(r, graceMs)))]);
      clearTimeout(timer);
      for (const ws of sockets) ws.terminate();
      this.wss.close();
    })());
  }
}

const STATUS_TEXT: Record<number, string> = { 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 503: 'Service Unavailable' };

const headerText = (h: string | string[] | undefined) => (Array.isArray(h) ? h.join(',') : h);

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
