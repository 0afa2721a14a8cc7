import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '@/server/db/database';

/**
 * A review link's token: the link's id and an HMAC of it with the server's secret. The id alone
 * finds the link's row (team, request, reviewer), so the row cannot be swapped for another;
 * the MAC proves the server made the token. Nothing secret is stored with the link.
 */
const LINK_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const MAC_BYTES = 32;

function mac(secret: string, linkId: string): Buffer {
  return createHmac('sha256', secret).update(`tandem-review-link:v1:${linkId}`).digest();
}

export function signLink(secret: string, linkId: string): string {
  return `${linkId}.${mac(secret, linkId).toString('base64url')}`;
}

/** The link id a token carries, or null when the token was not made by this server with this secret. */
export function verifyLink(secret: string, token: string): string | null {
  const [linkId, signature, extra] = token.split('.');
  if (extra !== undefined || !linkId || !signature || !LINK_ID.test(linkId)) return null;
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== MAC_BYTES || given.toString('base64url') !== signature) return null;
  return timingSafeEqual(given, mac(secret, linkId)) ? linkId : null;
}

/**
 * The server's link secret: TANDEM_LINK_SECRET, or one made once and kept in the database, so
 * every server process on one database signs and checks links alike.
 */
export async function linkSecret(db: Queryable, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.TANDEM_LINK_SECRET) return env.TANDEM_LINK_SECRET;
  await db.query("INSERT INTO server_secrets (name, secret) VALUES ('review_link', $1) ON CONFLICT (name) DO NOTHING", [randomBytes(32).toString('base64url')]);
  const [row] = await db.query<{ secret: string }>("SELECT secret FROM server_secrets WHERE name = 'review_link'");
  return row!.secret;
}
