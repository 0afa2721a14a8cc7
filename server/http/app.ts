import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { Database } from '@/server/db/database';
import type { Logger } from '@/server/log';
import { authenticate, memberProfile, redeem, signOutDevice, type Authenticated } from '@/server/auth/team-admin';
import { ClientNotYours, push } from '@/server/sync/push';
import { pull } from '@/server/sync/pull';
import { Id, MAX_BODY_BYTES, POKE_PATH, PullQuery, PushRequest, RedeemRequest, RetentionPreviewQuery } from '@/lib/model';
import { z } from 'zod';
import { answerError, closeConnectionOnError, fail, jsonBody, validate } from './errors';
import { type RateLimitConfig, type RateLimits, rateLimits } from './rate-limits';
import { logRequests } from './request-log';
import { reviewLinkRoutes } from '@/server/review-link/routes';
import { revokeReviewLinks } from '@/server/review-link/revoke';
import { retentionPreviewFor } from '@/server/privacy/retention';

/** In the wire schemas, so devices size their push batches under it. */
export { MAX_BODY_BYTES };

export interface AppOptions {
  db: Database;
  log: Logger;
  /** Undefined: no limits (in-process tests and simulations). */
  rateLimits?: RateLimitConfig;
  /** Limits already made from the config, to share their counts with the poke channel. */
  limits?: RateLimits;
  /** The review links' signing secret; undefined: TANDEM_LINK_SECRET or the database's, read on first use. */
  linkSecret?: string;
  /** Mail goes out over SMTP, so the server mails reminders (the pull tells each device). */
  mailsReminders?: boolean;
}

const RevokeReviewLinks = z.strictObject({ requestId: Id });

type Env = { Variables: { auth: Authenticated } };

/** Extension pages (any extension id) may call the API; the bearer token is the credential. */
export const EXTENSION_ORIGIN = /^(chrome|moz|safari-web)-extension:\/\/[a-z0-9-]+$/i;

/** The public API. The admin routes are not here: they listen apart (admin-routes.ts). */
export function createApp({ db, log, rateLimits: limitsConfig, limits = rateLimits(limitsConfig), linkSecret, mailsReminders = false }: AppOptions) {
  const app = new Hono<Env>();

  app.use('*', logRequests(log));
  app.use('*', closeConnectionOnError);
  app.use('/v1/*', cors({ origin: (origin) => (EXTENSION_ORIGIN.test(origin) ? origin : null), allowHeaders: ['Authorization', 'Content-Type'], exposeHeaders: ['Retry-After'], maxAge: 600 }));
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => fail(413, `the body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`) }));

  app.get('/healthz', async (c) => {
    try {
      await db.query('SELECT 1');
      return c.json({ ok: true, database: db.kind });
    } catch {
      return c.json({ error: 'the database does not answer' }, 503);
    }
  });

  app.use('/v1/auth/redeem', limits.redeem);
  app.post('/v1/auth/redeem', async (c) => {
    const { code, deviceName } = await jsonBody(c, RedeemRequest);
    return c.json(await redeem(db, code, deviceName));
  });

  // Browsers ask for it on every page the server serves (the review link's): no icon, no 404.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.route('/r', reviewLinkRoutes({ db, limits, secret: linkSecret }));

  // The poke channel is upgraded to a WebSocket before it reaches this app (server/poke).
  app.get(POKE_PATH, (c) => c.json({ error: 'the poke channel is a WebSocket: connect with "Upgrade: websocket", then send {"type":"hello","token":"<device token>"}' }, 426));

  // Everything below needs a device token.
  app.use('/v1/*', limits.badTokens);
  app.use('/v1/*', async (c, next) => {
    if (c.req.path === '/v1/auth/redeem') return next();
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer (\S+)$/i.exec(header)?.[1];
    if (!token) fail(401, 'sign in first: send the device token as "Authorization: Bearer <token>"');
    c.set('auth', await authenticate(db, token));
    return next();
  });

  app.get('/v1/me', async (c) => c.json(await memberProfile(db, c.get('auth').memberId)));

  app.post('/v1/auth/signout', async (c) => {
    await signOutDevice(db, c.get('auth').tokenHash);
    return c.json({ ok: true });
  });

  app.post('/v1/review-links/revoke', async (c) => c.json(await revokeReviewLinks(db, c.get('auth'), (await jsonBody(c, RevokeReviewLinks)).requestId)));

  app.get('/v1/privacy/retention-preview', async (c) => {
    const { months } = validate(RetentionPreviewQuery, c.req.query(), 'query');
    return c.json(await retentionPreviewFor(db, c.get('auth'), months));
  });

  app.use('/v1/push', limits.push);
  app.use('/v1/pull', limits.pull);
  app.post('/v1/push', async (c) => c.json(await push(db, c.get('auth'), await jsonBody(c, PushRequest))));

  app.get('/v1/pull', async (c) => c.json(await pull(db, c.get('auth'), validate(PullQuery, c.req.query(), 'query'), { mailsReminders })));

  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));

  app.onError((err, c) => {
    if (err instanceof ClientNotYours) return c.json({ error: err.message }, 403);
    return answerError(err, c, log);
  });

  return app;
}
