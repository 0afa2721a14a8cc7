import { POKE_CLOSE, POKE_HEARTBEAT_MS, POKE_SERVER_SILENCE_MS, PokeServerMessage, pokeUrl } from '@/lib/model';
import { RetryLoop, type RunOutcome, backoffDelay } from '@/lib/retry-loop';

/** Where the device's poke connection stands, for the status line. */
export type PokeConnectionState =
  /** Not signed in: nothing to connect to. */
  | { state: 'off' }
  | { state: 'connecting' }
  /** Connected and signed in: the team's changes arrive as they happen. */
  | { state: 'live' }
  /** Not connected; trying again at `retryAt` (epoch ms). Polling carries on meanwhile. */
  | { state: 'retrying'; error: string; retryAt: number }
  /** The server refused the device token (signed out, revoked): no retry until the session changes. */
  | { state: 'refused'; error: string };

/** The part of the browser's WebSocket this uses (so tests can hand in a fake). */
export type WebSocketLike = Pick<WebSocket, 'send' | 'close' | 'onopen' | 'onmessage' | 'onclose' | 'onerror'>;

export interface PokeClientDeps {
  /** The signed-in session's server and token, read afresh at each connection; undefined when signed out. */
  session: () => Promise<{ serverUrl: string; token: string } | undefined>;
  /** The team has reached at least `version` (on every poke, and on connecting: pokes may have been missed). */
  onPoke: (version: number) => void;
  onState?: (state: PokeConnectionState) => void;
  /** The server refused the token: the sync finds out and says so. */
  onRefused?: () => void;
  openSocket?: (url: string) => WebSocketLike;
  now?: () => number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** How one connection ended. */
type Ending = 'ours' | 'lost' | 'failed' | 'refused' | 'replaced';

/** Our own closes: a new session, or a server that fell silent. */
const RESTART = 4000;
const SILENT = 4001;

/**
 * The device's end of the poke channel (lib/model/poke.ts), kept by the background worker: one
 * connection per device, not one per open page. It says hello with the token, pings every 20 s
 * (which also keeps an MV3 service worker alive while connected, Chrome 116+), hands each poke
 * to `onPoke`, and reconnects on the shared retry loop: soon after losing a connection that
 * worked, with a growing backoff while attempts fail, never after the server refused the token
 * or another connection of this device took over. Polling stays the fallback meanwhile.
 */
export class PokeClient {
  private readonly loop: RetryLoop;
  /** Ends the connection being held, if any. */
  private abort: ((code: number, reason: string) => void) | null = null;
  private failures = 0;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly deps: PokeClientDeps) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.loop = new RetryLoop(() => this.connectOnce(), { setTimer: this.setTimer, clearTimer: this.clearTimer });
  }

  /** (Re)connects with the current session: call at start and whenever the session changes. */
  restart(): Promise<void> {
    this.failures = 0;
    this.abort?.(RESTART, 'the session changed');
    return this.loop.run();
  }

  /** Resolves when no connection attempt is running (for tests: a live connection counts as running). */
  whenIdle(): Promise<void> {
    return this.loop.whenIdle();
  }

  private setState(state: PokeConnectionState): void {
    this.deps.onState?.(state);
  }

  private async connectOnce(): Promise<RunOutcome> {
    const session = await this.deps.session();
    if (!session) return this.setState({ state: 'off' });
    this.setState({ state: 'connecting' });
    const { ending, error } = await this.hold(session);
    switch (ending) {
      case 'ours':
        return;
      case 'refused':
        this.setState({ state: 'refused', error });
        this.deps.onRefused?.();
        return;
      case 'replaced':
        // Another connection of this device (a newer worker) has the channel: leave it to it.
        return this.setState({ state: 'off' });
      case 'lost':
      case 'failed': {
        // A connection that worked is tried again soon; failed attempts back off further each time.
        this.failures = ending === 'lost' ? 1 : this.failures + 1;
        const retryInMs = backoffDelay(this.failures, this.random);
        this.setState({ state: 'retrying', error, retryAt: this.now() + retryInMs });
        return { retryInMs };
      }
    }
  }

  /** One connection, from opening to its end. */
  private hold(session: { serverUrl: string; token: string }): Promise<{ ending: Ending; error: string }> {
    return new Promise((resolve) => {
      let socket: WebSocketLike;
      try {
        socket = (this.deps.openSocket ?? ((url) => new WebSocket(url)))(pokeUrl(session.serverUrl));
      } catch (e) {
        return resolve({ ending: 'failed', error: `cannot open the live connection (${e instanceof Error ? e.message : String(e)})` });
      }
      let ready = false;
      let lastHeardAt = this.now();
      let heartbeat: unknown = null;
      const finish = (code: number, reason: string) => {
        this.clearTimer(heartbeat);
        socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
        if (this.abort === abort) this.abort = null;
        resolve(ending(code, reason, ready));
      };
      // Ended from this side: done now, without waiting for a goodbye a dead link would never bring.
      const abort = (code: number, reason: string) => {
        socket.close(code, reason);
        finish(code, reason);
      };
      this.abort = abort;
      const beat = () => {
        heartbeat = this.setTimer(() => {
          if (this.now() - lastHeardAt > POKE_SERVER_SILENCE_MS) return abort(SILENT, 'the server fell silent');
          socket.send(JSON.stringify({ type: 'ping' }));
          beat();
        }, POKE_HEARTBEAT_MS);
      };
      beat();
      socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', token: session.token }));
      socket.onmessage = ({ data }) => {
        lastHeardAt = this.now();
        const message = PokeServerMessage.safeParse(typeof data === 'string' ? safeJson(data) : null);
        if (!message.success) return;
        if (message.data.type === 'ready') {
          ready = true;
          this.failures = 0;
          this.setState({ state: 'live' });
        }
        if (message.data.type !== 'pong') this.deps.onPoke(message.data.version);
      };
      socket.onerror = () => undefined; // onclose follows, with the code
      socket.onclose = ({ code, reason }) => finish(code, reason);
    });
  }
}

function ending(code: number, reason: string, wasReady: boolean): { ending: Ending; error: string } {
  if (code === RESTART) return { ending: 'ours', error: '' };
  if (code === POKE_CLOSE.signedOut) return { ending: 'refused', error: reason || 'the server refused this device' };
  if (code === POKE_CLOSE.replaced) return { ending: 'replaced', error: reason };
  const error = code === SILENT ? 'the server stopped answering' : reason || (wasReady ? 'the connection was lost' : 'cannot reach the server');
  return { ending: wasReady ? 'lost' : 'failed', error };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
