import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Authenticated } from '@/server/auth/team-admin';

/**
 * Requests allowed a minute: per member for push and pull, per client address for redeeming
 * invite codes and for wrong device tokens. 0 turns a limit off. Counted in this process's
 * memory, so N server processes behind a load balancer allow up to N times as much.
 */
export interface RateLimitConfig {
  pushPerMin: number;
  pullPerMin: number;
  redeemPerMin: number;
  badTokenPerMin: number;
  /** Requests to review links (`/r/…`: pages, decisions) from one address; unset: no limit. */
  reviewLinkPerMin?: number;
  /** Behind a reverse proxy: the client's address is the last one in X-Forwarded-For. */
  trustProxy: boolean;
}

type MemberEnv = { Variables: { auth: Authenticated } };

const passThrough: MiddlewareHandler = (_c, next) => next();

/** 429 with `Retry-After` in whole seconds, the contract the extension's sync worker honours. */
function tooMany(res: RateLimiterRes | number, why: string): never {
  const seconds = Math.max(1, Math.ceil((typeof res === 'number' ? res : res.msBeforeNext) / 1000));
  throw new HTTPException(429, {
    res: Response.json({ error: `${why}; try again in ${seconds} s` }, { status: 429, headers: { 'Retry-After': String(seconds) } }),
  });
}

async function consume(limiter: RateLimiterMemory, key: string, why: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (e) {
    if (e instanceof RateLimiterRes) tooMany(e, why);
    throw e;
  }
}

/** The client's address: the socket's, or behind a trusted proxy the last one it forwarded. */
export function clientAddress(forwardedFor: string | undefined, socketAddress: () => string | undefined, trustProxy: boolean): string {
  const forwarded = trustProxy ? forwardedFor?.split(',').at(-1)?.trim() : undefined;
  return forwarded || (socketAddress() ?? 'unknown');
}

function requestAddress(c: Context, trustProxy: boolean): string {
  return clientAddress(c.req.header('x-forwarded-for'), () => {
    try {
      return getConnInfo(c).remote.address;
    } catch {
      return undefined; // not a Node socket (tests call app.request directly)
    }
  }, trustProxy);
}

/**
 * Wrong device tokens from one address: shared by the HTTP routes and the poke channel, so a
 * guess costs the same wherever it is tried.
 */
export interface BadTokenGuard {
  /** How long `address` must wait before it may present a token again, in ms (0: now). */
  waitMs(address: string): Promise<number>;
  /** Counts a wrong, revoked or missing token from `address`. */
  failed(address: string): Promise<void>;
  /** Why an address is refused, for the 429. */
  readonly why: string;
  readonly trustProxy: boolean;
}

export type RateLimits = ReturnType<typeof rateLimits>;

/** The middleware for each limit; all pass through when `config` is undefined (tests, simulations). */
export function rateLimits(config: RateLimitConfig | undefined) {
  const perMinute = (points: number | undefined) => (points ? new RateLimiterMemory({ points, duration: 60 }) : null);
  const trustProxy = config?.trustProxy ?? false;
  const address = (c: Context) => requestAddress(c, trustProxy);

  const perMember = (points: number | undefined, what: string): MiddlewareHandler<MemberEnv> => {
    const limiter = perMinute(points);
    if (!limiter) return passThrough;
    return async (c, next) => {
      await consume(limiter, c.get('auth').memberId, `too many ${what} from your account (at most ${points} a minute)`);
      return next();
    };
  };

  const perAddress = (points: number | undefined, what: string): MiddlewareHandler => {
    const limiter = perMinute(points);
    if (!limiter) return passThrough;
    return async (c, next) => {
      await consume(limiter, address(c), `too many ${what} from your address (at most ${points} a minute)`);
      return next();
    };
  };
  const redeem = perAddress(config?.redeemPerMin, 'sign-in attempts');
  const reviewLink = perAddress(config?.reviewLinkPerMin, 'review-link requests');

  // Only failures count: a member's own requests never use up the allowance of guesses.
  const badTokenLimiter = perMinute(config?.badTokenPerMin);
  const badTokenGuard: BadTokenGuard = {
    async waitMs(key) {
      const seen = badTokenLimiter ? await badTokenLimiter.get(key) : null;
      return seen && seen.consumedPoints >= badTokenLimiter!.points ? Math.max(1, seen.msBeforeNext) : 0;
    },
    async failed(key) {
      await badTokenLimiter?.penalty(key);
    },
    why: `too many requests with an unknown or revoked device token from your address (at most ${config?.badTokenPerMin} a minute)`,
    trustProxy,
  };
  const badTokens: MiddlewareHandler = badTokenLimiter
    ? async (c, next) => {
        const key = address(c);
        const waitMs = await badTokenGuard.waitMs(key);
        if (waitMs > 0) tooMany(waitMs, badTokenGuard.why);
        await next();
        if (c.res.status === 401) await badTokenGuard.failed(key);
      }
    : passThrough;

  return { reviewLink, push: perMember(config?.pushPerMin, 'pushes'), pull: perMember(config?.pullPerMin, 'pulls'), redeem, badTokens, badTokenGuard };
}
