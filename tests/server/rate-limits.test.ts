import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createTeam, invite } from '@/server/auth/team-admin';
import { readConfig } from '@/server/config';
import type { Database } from '@/server/db/database';
import { createApp } from '@/server/http/app';
import type { RateLimitConfig } from '@/server/http/rate-limits';
import { createLogger } from '@/server/log';
import { type Running, startServerOnCopy } from '../support/real-server';
import type { RedeemResponse } from '@/lib/model';
import { freshDatabase } from './support/databases';
import { type SignedIn, teamWith } from './support/server';

const OFF: RateLimitConfig = { pushPerMin: 0, pullPerMin: 0, redeemPerMin: 0, badTokenPerMin: 0, trustProxy: true };

/** A 429 with a whole number of seconds in Retry-After, and a message that says what to do. */
async function expectTooMany(res: Response, about: RegExp) {
  expect(res.status).toBe(429);
  const retryAfter = res.headers.get('retry-after');
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  const { error } = (await res.json()) as { error: string };
  expect(error).toMatch(about);
  expect(error).toMatch(new RegExp(`try again in ${retryAfter} s$`));
}

/** Finding 1 (rate limits) and 11 (auth routes): nothing was rate limited (300 wrong codes in 1.8 s). */
describe('rate limits (in process)', () => {
  let db: Database;
  let members: SignedIn[];
  beforeAll(async () => {
    db = await freshDatabase('pglite');
    ({ members } = await teamWith(db, ['recruiter', 'sourcer']));
  });
  afterAll(() => db.close());

  const appWith = (limits: Partial<RateLimitConfig>) => createApp({ db, log: createLogger('silent'), rateLimits: { ...OFF, ...limits } });
  const request = (app: ReturnType<typeof appWith>, method: string, route: string, { token, body, from = '203.0.113.1', origin }: { token?: string; body?: unknown; from?: string; origin?: string } = {}) =>
    app.request(route, {
      method,
      headers: {
        'x-forwarded-for': `10.0.0.9, ${from}`,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(origin ? { origin } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const pushAs = (app: ReturnType<typeof appWith>, who: SignedIn, id: number, origin?: string) => request(app, 'POST', '/v1/push', { token: who.token, body: { clientId: who.clientId, mutations: [] }, origin, from: `198.51.100.${id}` });
  const pullAs = (app: ReturnType<typeof appWith>, who: SignedIn) => request(app, 'GET', `/v1/pull?clientId=${who.clientId}`, { token: who.token });

  it('limits pushes per member, whatever address they come from; other members and pulls go on', async () => {
    const app = appWith({ pushPerMin: 3, pullPerMin: 100 });
    const [a, b] = members as [SignedIn, SignedIn];
    for (let i = 0; i < 3; i++) expect((await pushAs(app, a, i)).status).toBe(200);
    await expectTooMany(await pushAs(app, a, 9), /^too many pushes from your account \(at most 3 a minute\)/);
    expect((await pushAs(app, b, 1)).status).toBe(200);
    expect((await pullAs(app, a)).status).toBe(200);
  });

  it('limits pulls per member', async () => {
    const app = appWith({ pullPerMin: 2 });
    const [a, b] = members as [SignedIn, SignedIn];
    expect((await pullAs(app, a)).status).toBe(200);
    expect((await pullAs(app, a)).status).toBe(200);
    await expectTooMany(await pullAs(app, a), /^too many pulls from your account \(at most 2 a minute\)/);
    expect((await pullAs(app, b)).status).toBe(200);
  });

  it('lets the extension read Retry-After on a 429 (CORS exposes it)', async () => {
    const app = appWith({ pushPerMin: 1 });
    const [, b] = members as [SignedIn, SignedIn];
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    expect((await pushAs(app, b, 1, origin)).status).toBe(200);
    const refused = await pushAs(app, b, 2, origin);
    expect(refused.headers.get('access-control-allow-origin')).toBe(origin);
    expect(refused.headers.get('access-control-expose-headers')?.toLowerCase().split(',')).toContain('retry-after');
    await expectTooMany(refused, /too many pushes/);
  });

  it('limits invite-code attempts per client address, good codes included', async () => {
    const app = appWith({ redeemPerMin: 2 });
    const team = await createTeam(db, `Redeem ${ulid()}`);
    const redeem = (code: string, from: string) => request(app, 'POST', '/v1/auth/redeem', { body: { code }, from });
    expect((await redeem('WRNG-CODE-AAAA-AAAA', '192.0.2.7')).status).toBe(401);
    expect((await redeem('WRNG-CODE-AAAA-AAAB', '192.0.2.7')).status).toBe(401);
    const { code } = await invite(db, team.id, 'late@redeem.example', 'sourcer');
    await expectTooMany(await redeem(code, '192.0.2.7'), /^too many sign-in attempts from your address \(at most 2 a minute\)/);
    // The code was not used up by the refused attempt; another address is not held back.
    expect((await redeem(code, '192.0.2.8')).status).toBe(200);
  });

  it('limits wrong device tokens per client address; right tokens never count', async () => {
    const app = appWith({ badTokenPerMin: 3 });
    const [a] = members as [SignedIn];
    // A busy member: many good requests from one address do not add up to a block.
    for (let i = 0; i < 6; i++) expect((await request(app, 'GET', '/v1/me', { token: a.token, from: '192.0.2.20' })).status).toBe(200);
    // Two guesses and a request with no token at all: three failures.
    for (let i = 0; i < 2; i++) expect((await request(app, 'GET', '/v1/me', { token: `tdm_guess${i}`, from: '192.0.2.30' })).status).toBe(401);
    expect((await request(app, 'GET', '/v1/me', { from: '192.0.2.30' })).status).toBe(401);
    // Blocked now, even with a good token, until the minute is over.
    await expectTooMany(await request(app, 'GET', '/v1/me', { token: a.token, from: '192.0.2.30' }), /^too many requests with an unknown or revoked device token from your address \(at most 3 a minute\)/);
    await expectTooMany(await request(app, 'POST', '/v1/push', { token: 'tdm_guess9', body: { clientId: a.clientId, mutations: [] }, from: '192.0.2.30' }), /unknown or revoked device token/);
    expect((await request(app, 'GET', '/v1/me', { token: a.token, from: '192.0.2.20' })).status).toBe(200);
  });

  it('a limit of 0 is off', async () => {
    const app = appWith(OFF);
    const [a] = members as [SignedIn];
    for (let i = 0; i < 30; i++) expect((await pushAs(app, a, i)).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless told the server is behind a proxy', async () => {
    const app = appWith({ redeemPerMin: 1, trustProxy: false });
    expect((await request(app, 'POST', '/v1/auth/redeem', { body: { code: 'AAAA' }, from: '192.0.2.50' })).status).toBe(401);
    // A client that makes up a new address each time is still one client.
    await expectTooMany(await request(app, 'POST', '/v1/auth/redeem', { body: { code: 'AAAA' }, from: '192.0.2.51' }), /too many sign-in attempts/);
  });
});

describe('rate limit settings', () => {
  it('default far above a real team, and take numbers, empty values and 0 from the environment', () => {
    expect(readConfig({}).rateLimits).toEqual({ pushPerMin: 600, pullPerMin: 600, redeemPerMin: 30, badTokenPerMin: 60, trustProxy: false, reviewLinkPerMin: 120 });
    expect(readConfig({ TANDEM_RATE_PUSH_PER_MIN: '20', TANDEM_RATE_PULL_PER_MIN: '', TANDEM_RATE_REDEEM_PER_MIN: '0', TANDEM_TRUST_PROXY: '1', TANDEM_RATE_REVIEW_LINK_PER_MIN: '10' }).rateLimits).toEqual({
      pushPerMin: 20,
      pullPerMin: 600,
      redeemPerMin: 0,
      badTokenPerMin: 60,
      trustProxy: true,
      reviewLinkPerMin: 10,
    });
    expect(() => readConfig({ TANDEM_RATE_PULL_PER_MIN: 'lots' })).toThrow(/bad server settings[\s\S]*TANDEM_RATE_PULL_PER_MIN/);
    expect(() => readConfig({ TANDEM_RATE_PUSH_PER_MIN: '-1' })).toThrow(/TANDEM_RATE_PUSH_PER_MIN/);
    expect(() => readConfig({ TANDEM_TRUST_PROXY: 'yes please' })).toThrow(/TANDEM_TRUST_PROXY/);
  });
});

describe('rate limits on a real server, from the environment', () => {
  let dir: string;
  let running: Running;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-limits-'));
    running = await startServerOnCopy({ PORT: '0', HOST: '127.0.0.1', TANDEM_DATA_DIR: dir, LOG_LEVEL: 'silent', TANDEM_RATE_PUSH_PER_MIN: '2', TANDEM_RATE_REDEEM_PER_MIN: '2' }, { tarball: inject('pgliteMigrated') });
  });
  afterAll(async () => {
    await running.stop({ graceMs: 0 });
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 429 with Retry-After to the third push of a minute and the third code from one address', async () => {
    const base = `http://127.0.0.1:${running.port}`;
    const team = await createTeam(running.db, 'Limited');
    const redeem = async (code: string) => fetch(`${base}/v1/auth/redeem`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    const first = await redeem((await invite(running.db, team.id, 'sam@limited.example', 'recruiter')).code);
    expect(first.status).toBe(200);
    const { token } = (await first.json()) as RedeemResponse;
    expect((await redeem('NOPE-NOPE-NOPE-NOPE')).status).toBe(401);
    await expectTooMany(await redeem('NOPE-NOPE-NOPE-NOPE'), /too many sign-in attempts/);

    const push = () => fetch(`${base}/v1/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ clientId: 'client-limited-1', mutations: [] }) });
    expect((await push()).status).toBe(200);
    expect((await push()).status).toBe(200);
    await expectTooMany(await push(), /too many pushes/);
    // Pulls have their own allowance.
    expect((await fetch(`${base}/v1/pull?clientId=client-limited-1`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});
