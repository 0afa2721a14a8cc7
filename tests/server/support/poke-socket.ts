import { WebSocket } from 'ws';
import { POKE_PATH, type PokeServerMessage } from '@/lib/model';

export interface Closed {
  code: number;
  reason: string;
}

/**
 * A WebSocket to a server's poke channel, as a test sees it: every message it received, a way
 * to wait for the next of a type, and how it closed.
 */
export class PokeSocket {
  readonly messages: PokeServerMessage[] = [];
  readonly closed: Promise<Closed>;
  readonly opened: Promise<void>;
  readonly ws: WebSocket;
  private waiters: (() => void)[] = [];

  constructor(serverUrl: string, { headers = {} }: { headers?: Record<string, string> } = {}) {
    this.ws = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}${POKE_PATH}`, { headers });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode, headers: res.headers })));
      this.ws.once('error', reject);
    });
    this.opened.catch(() => undefined);
    this.closed = new Promise((resolve) => this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.ws.on('message', (data) => {
      this.messages.push(JSON.parse((data as Buffer).toString('utf8')) as PokeServerMessage);
      for (const w of this.waiters.splice(0)) w();
    });
    this.ws.on('close', () => {
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Opens and says hello, then pings every `pingEveryMs` (0: never); resolves once `ready`. */
  static async signedIn(serverUrl: string, token: string, { pingEveryMs = 0 } = {}): Promise<PokeSocket> {
    const socket = new PokeSocket(serverUrl);
    await socket.opened;
    socket.send({ type: 'hello', token });
    await socket.next('ready');
    if (pingEveryMs > 0) {
      const timer = setInterval(() => socket.ws.readyState === WebSocket.OPEN && socket.send({ type: 'ping' }), pingEveryMs);
      socket.ws.once('close', () => clearInterval(timer));
    }
    return socket;
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  of<T extends PokeServerMessage['type']>(type: T): Extract<PokeServerMessage, { type: T }>[] {
    return this.messages.filter((m): m is Extract<PokeServerMessage, { type: T }> => m.type === type);
  }

  /** Waits until `count` messages of `type` have come (one more than now unless said), failing after `ms`. */
  async next<T extends PokeServerMessage['type']>(type: T, { count = this.of(type).length + 1, ms = 5_000 } = {}): Promise<Extract<PokeServerMessage, { type: T }>> {
    const deadline = Date.now() + ms;
    while (this.of(type).length < count) {
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error(`closed before ${type} #${count} arrived; got ${JSON.stringify(this.messages)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} #${count} within ${ms} ms; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.of(type)[count - 1]!;
  }

  close(): void {
    this.ws.terminate();
  }
}
