import type { Database, Queryable } from '@/server/db/database';
import { AuthError, type TeamRow, findTeam, isoTime } from './team-admin';

export interface DeviceRow {
  id: string;
  /** The member it signs in. */
  email: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

/** The team's devices, signed out and revoked ones included, by member. */
export async function listDevices(db: Queryable, teamIdOrName: string): Promise<{ team: TeamRow; devices: DeviceRow[] }> {
  const team = await findTeam(db, teamIdOrName);
  const rows = await db.query<{ id: string; email: string; name: string; created_at: string; last_seen_at: string | null; revoked_at: string | null }>(
    `SELECT d.id, m.email, d.name, d.created_at, d.last_seen_at, d.revoked_at
       FROM devices d JOIN members m ON m.id = d.member_id
      WHERE m.team_id = $1 ORDER BY m.email, d.created_at`,
    [team.id],
  );
  const time = (t: string | null) => (t === null ? null : isoTime(t));
  return {
    team,
    devices: rows.map((r) => ({ id: r.id, email: r.email, name: r.name, createdAt: isoTime(r.created_at), lastSeenAt: time(r.last_seen_at), revokedAt: time(r.revoked_at) })),
  };
}

/** Ends one device's access, named by its id or the first few characters of it. */
export async function revokeDevice(db: Database, idOrPrefix: string): Promise<{ id: string; email: string; name: string }> {
  const prefix = idOrPrefix.trim().toLowerCase();
  if (!/^[0-9a-f-]{4,36}$/.test(prefix)) throw new AuthError(400, 'give at least 4 characters of the device id (0-9, a-f and -), as `devices <team>` lists it');
  return db.transaction(async (tx) => {
    const found = await tx.query<{ id: string; email: string; name: string }>(
      'SELECT d.id, m.email, d.name FROM devices d JOIN members m ON m.id = d.member_id WHERE d.id LIKE $1 FOR UPDATE OF d',
      [`${prefix}%`],
    );
    if (found.length === 0) throw new AuthError(404, `no device with an id starting ${prefix}`);
    if (found.length > 1) throw new AuthError(409, `${found.length} devices have an id starting ${prefix}; give more of it`);
    await tx.query('UPDATE devices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [found[0]!.id]);
    return found[0]!;
  });
}
