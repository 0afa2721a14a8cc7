// The load bench's HTTP: each request to the next server process in turn (a round-robin load
// balancer), timed, with every non-2xx and network error counted and retried as the extension's
// worker would (429 after its Retry-After).
import { ErrorResponse } from '@/lib/model';

export type Op = 'push' | 'pull';

export class HttpStats {
  readonly latencyMs: Record<Op, number[]> = { push: [], pull: [] };
  /** Non-2xx answers other than 429, by status. */
  readonly errorsByStatus: Record<number, number> = {};
  networkErrors = 0;
  rateLimited = 0;
  /** The first few errors, to say what went wrong. */
  readonly samples: string[] = [];

  get errors(): number {
    return this.networkErrors + Object.values(this.errorsByStatus).reduce((a, b) => a + b, 0);
  }

  note(message: string) {
    if (this.samples.length < 10) this.samples.push(message);
  }
}

/** A request the server refused for good (a 4xx other than 429): retrying would not help. */
export class RequestRefused extends Error {}

const TIMEOUT_MS = 20_000; // the extension's
const RETRY_MS = 1000;
const MAX_ATTEMPTS = 30;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class LoadHttp {
  private turn = 0;

  constructor(
    private readonly servers: string[],
    readonly stats: HttpStats,
  ) {}

  /** The parsed JSON of a 2xx answer; retries network errors, 5xx and 429 until one comes. */
  async request(op: Op, path: string, token: string, body?: unknown): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      const server = this.servers[this.turn++ % this.servers.length]!;
      const started = performance.now();
      let res: Response;
      let json: unknown;
      try {
        res = await fetch(`${server}${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        json = await res.json().catch(() => null);
      } catch (e) {
        this.stats.networkErrors++;
        this.stats.note(`${op} ${server}: ${e instanceof Error ? `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}` : String(e)}`);
        if (attempt >= MAX_ATTEMPTS) throw e;
        await sleep(RETRY_MS);
        continue;
      }
      if (res.ok) {
        this.stats.latencyMs[op].push(performance.now() - started);
        return json;
      }
      const message = ErrorResponse.safeParse(json).data?.error ?? `HTTP ${res.status}`;
      if (res.status === 429) {
        this.stats.rateLimited++;
        if (attempt >= MAX_ATTEMPTS) throw new RequestRefused(`${op}: still rate limited after ${attempt} attempts`);
        const retryAfter = Number(res.headers.get('retry-after'));
        await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : RETRY_MS);
        continue;
      }
      this.stats.errorsByStatus[res.status] = (this.stats.errorsByStatus[res.status] ?? 0) + 1;
      this.stats.note(`${op} ${server}: ${res.status} ${message}`);
      if (res.status < 500 || attempt >= MAX_ATTEMPTS) throw new RequestRefused(`${op}: ${res.status} ${message}`);
      await sleep(RETRY_MS);
    }
  }
}
