import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { Database } from '@/server/db/database';
import type { Logger } from '@/server/log';
import { AuthError, authenticate, memberProfile, redeem, signOutDevice, type Authenticated } from '@/server/auth/team-admin';
import { ClientNotYours, push } from '@/server/sync/push';
import { pull } from '@/server/sync/pull';
import { MAX_BODY_BYTES, PullQuery, PushRequest, RedeemRequest } from '@/lib/model';
import { adminRoutes } from './admin-routes';
import { fail, jsonBody, validate } from './errors';

/** In the wire schemas, so devices size their push batches under it. */
export { MAX_BODY_BYTES };

export interface AppOptions {
  db: Database;
  log: Logger;
  /** Shared secret of the loopback admin routes; undefined disables them. */
  adminSecret?: string;
}

type Env = { Variables: { auth: Authenticated } };

/** Extension pages (any extension id) may call the API; the bearer token is the credential. */
const EXTENSION_ORIGIN = /^(chrome|moz|safari-web)-extension:\/\/[a-z0-9-]+$/i;

export function createApp({ db, log, adminSecret }: AppOptions) {
  const app = new Hono<Env>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });
  app.use('/v1/*', cors({ origin: (origin) => (EXTENSION_ORIGIN.test(origin) ? origin : null), allowHeaders: ['Authorization', 'Content-Type'], maxAge: 600 }));
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => fail(413, `the body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`) }));

  app.get('/healthz', async (c) => {
    try {
      await db.query('SELECT 1');
      return c.json({ ok: true, database: db.kind });
    } catch {
      return c.json({ error: 'the database does not answer' }, 503);
    }
  });

  app.post('/v1/auth/redeem', async (c) => {
    const { code, deviceName } = await jsonBody(c, RedeemRequest);
    return c.json(await redeem(db, code, deviceName));
  });

  // Everything below needs a device token.
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

  app.post('/v1/push', async (c) => c.json(await push(db, c.get('auth'), await jsonBody(c, PushRequest))));

  app.get('/v1/pull', async (c) => c.json(await pull(db, c.get('auth'), validate(PullQuery, c.req.query(), 'query'))));

  if (adminSecret) app.route('/admin', adminRoutes(db, adminSecret));

  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));

  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    if (err instanceof AuthError) return c.json({ error: err.message }, err.status);
    if (err instanceof ClientNotYours) return c.json({ error: err.message }, 403);
    log.error({ err, method: c.req.method, path: c.req.path }, 'unhandled error');
    return c.json({ error: 'the server failed to handle this request' }, 500);
  });

  return app;
}
