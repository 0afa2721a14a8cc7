import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '@/server/db/database';
import { listDevices, revokeDevice } from '@/server/auth/devices';
import { previewRetention } from '@/server/admin/commands';
import { MAX_INVITE_HOURS, createTeam, invite, listMembers, rename, revoke, setRole } from '@/server/auth/team-admin';
import type { Logger } from '@/server/log';
import { exportPersonFromServer } from '@/server/privacy/export-person';
import { Email, InviteRequest } from '@/lib/model';
import { ChatWebhookUrl, setChatWebhook } from '@/server/mail/chat-webhook';
import { answerError, fail, jsonBody } from './errors';
import { logRequests } from './request-log';

function sameSecret(given: string, expected: string) {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * What the admin CLI asks a running server to do (PGlite lets one process open its folder).
 * Served apart from the public API, on a socket in the private data folder (admin-socket.ts),
 * so no reverse proxy in front of the public port can reach it; and only with the secret the
 * server wrote into that folder.
 */
export function createAdminApp({ db, log, secret }: { db: Database; log: Logger; secret: string }) {
  const app = new Hono();
  app.use('*', logRequests(log));
  const admin = new Hono();
  admin.use('*', async (c, next) => {
    if (!sameSecret(c.req.header('x-tandem-admin-secret') ?? '', secret)) fail(401, 'wrong or missing admin secret');
    return next();
  });
  admin.post('/teams', async (c) => c.json(await createTeam(db, (await jsonBody(c, z.object({ name: z.string() }))).name), 201));
  admin.post('/teams/:team/invites', async (c) => {
    const { email, role, expiresInHours } = await jsonBody(c, InviteRequest.extend({ expiresInHours: z.number().int().min(1).max(MAX_INVITE_HOURS).optional() }));
    return c.json(await invite(db, c.req.param('team'), email, role, { expiresInHours }), 201);
  });
  admin.post('/teams/:team/export-person', async (c) =>
    c.json(await exportPersonFromServer(db, c.req.param('team'), (await jsonBody(c, z.object({ keyOrEmail: z.string().min(1).max(500) }))).keyOrEmail)),
  );
  admin.get('/teams/:team/members', async (c) => c.json(await listMembers(db, c.req.param('team'))));
  admin.get('/teams/:team/devices', async (c) => c.json(await listDevices(db, c.req.param('team'))));
  admin.get('/teams/:team/retention-preview', async (c) => {
    const months = c.req.query('months');
    const parsed = months === undefined ? undefined : z.coerce.number().int().min(1).max(120).safeParse(months);
    if (parsed && !parsed.success) return c.json({ error: 'months must be a whole number from 1 to 120' }, 400);
    return c.json(await previewRetention(db, c.req.param('team'), parsed?.data));
  });
  admin.post('/devices/:id/revoke', async (c) => c.json(await revokeDevice(db, c.req.param('id'))));
  admin.post('/teams/:team/roles', async (c) => {
    const { email, role } = await jsonBody(c, InviteRequest);
    return c.json(await setRole(db, c.req.param('team'), email, role));
  });
  admin.post('/teams/:team/names', async (c) => {
    const { email, name } = await jsonBody(c, z.object({ email: Email, name: z.string() }));
    return c.json(await rename(db, c.req.param('team'), email, name));
  });
  admin.post('/teams/:team/revoke', async (c) => c.json(await revoke(db, c.req.param('team'), (await jsonBody(c, z.object({ email: Email }))).email)));
  admin.post('/teams/:team/webhook', async (c) => {
    const { url } = await jsonBody(c, z.object({ url: ChatWebhookUrl.nullable() }));
    return c.json(await setChatWebhook(db, c.req.param('team'), url));
  });
  app.route('/admin', admin);
  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => answerError(err, c, log));
  return app;
}
