import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '@/server/db/database';
import { listDevices, revokeDevice } from '@/server/auth/devices';
import { MAX_INVITE_HOURS, createTeam, invite, listMembers, revoke, setRole } from '@/server/auth/team-admin';
import { Email, InviteRequest } from '@/lib/model';
import { fail, jsonBody } from './errors';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameSecret(given: string, expected: string) {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * What the admin CLI asks a running server to do (PGlite lets one process open its folder).
 * Only from this machine, and only with the secret the server wrote into its data folder.
 */
export function adminRoutes(db: Database, secret: string) {
  const admin = new Hono();
  admin.use('*', async (c: Context, next) => {
    let address: string | undefined;
    try {
      address = getConnInfo(c).remote.address;
    } catch {
      address = undefined; // not a Node socket (tests call app.fetch directly)
    }
    if (address !== undefined && !LOOPBACK.has(address)) fail(403, 'admin routes answer only on loopback');
    if (!sameSecret(c.req.header('x-tandem-admin-secret') ?? '', secret)) fail(401, 'wrong or missing admin secret');
    return next();
  });
  admin.post('/teams', async (c) => c.json(await createTeam(db, (await jsonBody(c, z.object({ name: z.string() }))).name), 201));
  admin.post('/teams/:team/invites', async (c) => {
    const { email, role, expiresInHours } = await jsonBody(c, InviteRequest.extend({ expiresInHours: z.number().int().min(1).max(MAX_INVITE_HOURS).optional() }));
    return c.json(await invite(db, c.req.param('team'), email, role, { expiresInHours }), 201);
  });
  admin.get('/teams/:team/members', async (c) => c.json(await listMembers(db, c.req.param('team'))));
  admin.get('/teams/:team/devices', async (c) => c.json(await listDevices(db, c.req.param('team'))));
  admin.post('/devices/:id/revoke', async (c) => c.json(await revokeDevice(db, c.req.param('id'))));
  admin.post('/teams/:team/roles', async (c) => {
    const { email, role } = await jsonBody(c, InviteRequest);
    return c.json(await setRole(db, c.req.param('team'), email, role));
  });
  admin.post('/teams/:team/revoke', async (c) => c.json(await revoke(db, c.req.param('team'), (await jsonBody(c, z.object({ email: Email }))).email)));
  return admin;
}
