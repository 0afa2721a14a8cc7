import type { WebSocketLike } from '@/lib/sync/poke-client';

/** A WebSocket the test drives: what the client sent, and the server's side of the conversation. */
export class FakeSocket implements WebSocketLike {
  readonly sent: unknown[] = [];
  closedWith: { code?: number; reason?: string } | null = null;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;

  constructor(readonly url: string) {}

  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number, reason?: string) {
    this.closedWith = { code, reason };
  }
  // The server's side:
  open() {
    this.onopen?.call(this as unknown as WebSocket, new Event('open'));
  }
  say(message: object) {
    this.onmessage?.call(this as unknown as WebSocket, { data: JSON.stringify(message) } as MessageEvent);
  }
  end(code: number, reason = '') {
    this.onclose?.call(this as unknown as WebSocket, { code, reason } as CloseEvent);
  }
}
