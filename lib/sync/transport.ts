import { PullResponse, PushResponse, type PullRequest, type PushRequest } from '@/lib/model';

/** The server cannot be reached (network down, server stopped, timed out): retry later. */
export class OfflineError extends Error {}

/** The server refused the device's credentials: signing in again is the fix, retrying is not. */
export class SignedOutError extends Error {}

/** The server answered with an error that says what is wrong. */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The server asked this device to slow down (429): nothing is sent before `retryAfterMs` has passed. */
export class RateLimitedError extends Error {
  constructor(
    /** From the `Retry-After` header; null when the server did not say. */
    readonly retryAfterMs: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** The longest wait a `Retry-After` may impose, so a misconfigured server cannot park devices for days. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null) return null;
  const value = header.trim();
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms)) : null;
}

export interface SyncTransport {
  /** `json`, when given, is `body` already serialized (the engine measures each push's bytes). */
  push(body: PushRequest, json?: string): Promise<PushResponse>;
  pull(query: PullRequest): Promise<PullResponse>;
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // not our JSON: fall through to the status
  }
  return `the server answered ${res.status}`;
}

/**
 * One call to the team server with the device token: its JSON answer, or the error the sync
 * shows (offline, signed out, rate-limited, or the server's sentence).
 */
export function serverCaller({ serverUrl, token, fetch: fetchImpl = fetch, timeoutMs = 20_000 }: { serverUrl: string; token: string; fetch?: Fetch; timeoutMs?: number }) {
  const base = serverUrl.replace(/\/+$/, '');
  return async (path: string, init: RequestInit): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetchImpl(`${base}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new OfflineError(`cannot reach the server (${e instanceof Error ? e.message : 'network error'})`);
    }
    if (res.status === 401) throw new SignedOutError(await errorMessage(res));
    if (res.status === 429) throw new RateLimitedError(retryAfterMs(res.headers.get('retry-after')), await errorMessage(res));
    if (res.status >= 500 || res.status === 408) throw new OfflineError(`the server is having trouble: ${await errorMessage(res)}`);
    if (!res.ok) throw new ServerError(res.status, await errorMessage(res));
    return (await res.json()) as unknown;
  };
}

/** Push and pull over HTTP with the device token; every response is validated. */
export function httpTransport(options: Parameters<typeof serverCaller>[0]): SyncTransport {
  const send = serverCaller(options);
  const parse = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown, what: string): T => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new ServerError(200, `the server sent an invalid ${what} response`);
    return parsed.data;
  };
  return {
    async push(body, json = JSON.stringify(body)) {
      return parse(PushResponse, await send('/v1/push', { method: 'POST', body: json }), 'push');
    },
    async pull({ clientId, cursor, limit, since, phase, upTo, olderThan }) {
      const q = new URLSearchParams({ clientId, cursor: String(cursor), limit: String(limit), since: String(since) });
      if (phase !== undefined && phase !== 'all') q.set('phase', phase);
      if (upTo !== undefined) q.set('upTo', String(upTo));
      if (olderThan !== undefined) q.set('olderThan', String(olderThan));
      return parse(PullResponse, await send(`/v1/pull?${q}`, { method: 'GET' }), 'pull');
    },
  };
}
