import { ulid } from 'ulidx';
import type { Database, Queryable } from '@/server/db/database';
import { nextVersion, writeEntity } from '@/server/sync/sql-store';
import { type Member, MemberName, type MemberStatus, type RedeemResponse, type Role } from '@/lib/model';
import { hashSecret, newInviteCode, newToken, normaliseInviteCode } from './secrets';

/** A refusal the caller can act on: the HTTP layer sends it with `status`. */
export class AuthError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

export interface TeamRow {
  id: string;
  name: string;
}

export async function createTeam(db: Database, name: string): Promise<TeamRow> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) throw new AuthError(400, 'a team name is 1 to 100 characters');
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new AuthError(400, 'a team name cannot contain control characters');
  // One statement, so two creates of one name at once get one team and a 409, not a 500.
  const [team] = await db.query<TeamRow>('INSERT INTO teams (id, name) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING id, name', [ulid(), trimmed]);
  if (!team) throw new AuthError(409, `a team named “${trimmed}” already exists`);
  return team;
}

/** A team by id or by name (the CLI takes either). */
export async function findTeam(db: Queryable, idOrName: string): Promise<TeamRow> {
  // Postgres text cannot hold NUL, so no team has it in its name (and the query would fail).
  if (idOrName.includes('\u0000')) throw new AuthError(404, `no team “${idOrName.replaceAll('\u0000', '')}”`);
  const [team] = await db.query<TeamRow>('SELECT id, name FROM teams WHERE id = $1 OR name = $1', [idOrName]);
  if (!team) throw new AuthError(404, `no team “${idOrName}”`);
  return team;
}

/** How long an invite code works unless the admin asks for another time, and the longest asked. */
export const INVITE_HOURS = 7 * 24;
export const MAX_INVITE_HOURS = 365 * 24;

export interface Invitation {
  code: string;
  team: TeamRow;
  expiresAt: string;
}

/**
 * A one-time invite code for `email`. The person is a member from now on, `invited` until they
 * first sign in, so they can already be named hiring manager or reviewer; redeeming binds the
 * device to that same member. A member who already signed in is left as they are until they
 * redeem (the code's role is theirs then); someone revoked is invited again.
 */
export async function invite(db: Database, teamIdOrName: string, email: string, role: Role, { expiresInHours = INVITE_HOURS } = {}): Promise<Invitation> {
  return db.transaction(async (tx) => {
    const team = await findTeam(tx, teamIdOrName);
    await lockTeam(tx, team.id);
    const code = newInviteCode();
    const [row] = await tx.query<{ expires_at: string }>(
      'INSERT INTO invites (code_hash, team_id, email, role, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5)) RETURNING expires_at',
      [hashSecret(code), team.id, email, role, expiresInHours],
    );
    const [invited] = await tx.query<MemberRow>(
      `INSERT INTO members (id, team_id, email, name, role) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (team_id, email) DO UPDATE
         SET role = excluded.role, revoked_at = NULL, joined_at = CASE WHEN members.revoked_at IS NULL THEN members.joined_at END
       WHERE members.revoked_at IS NOT NULL OR (members.joined_at IS NULL AND members.role <> excluded.role)
       RETURNING *`,
      [ulid(), team.id, email, nameFromEmail(email), role],
    );
    if (invited) await publishMember(tx, invited);
    return { code, team, expiresAt: isoTime(row!.expires_at) };
  });
}

/** A timestamp as the database gives it (a Date from pg, a Date or text elsewhere), as ISO text. */
export function isoTime(t: string | Date): string {
  return new Date(t).toISOString();
}

interface MemberRow {
  id: string;
  team_id: string;
  email: string;
  name: string;
  role: Role;
  revoked_at: string | null;
  joined_at: string | null;
  time_zone: string | null;
  working_days: number[] | null;
  quiet_start: string | null;
  quiet_end: string | null;
  check_in_weekday: number | null;
  check_in_time: string | null;
}

function memberStatus(row: MemberRow): MemberStatus {
  if (row.revoked_at) return 'revoked';
  return row.joined_at ? 'active' : 'invited';
}

function memberDoc(row: MemberRow, version: number): Member {
  return {
    id: row.id,
    teamId: row.team_id,
    version,
    deletedAt: null,
    name: row.name,
    email: row.email,
    role: row.role,
    status: memberStatus(row),
    timeZone: row.time_zone,
    // Only what the member set: absent means the defaults (and no check-in mail), as on records from before these existed.
    ...(row.working_days ? { workingDays: row.working_days.map(Number) } : {}),
    ...(row.quiet_start && row.quiet_end ? { quietHours: { start: row.quiet_start, end: row.quiet_end } } : {}),
    ...(row.check_in_weekday !== null && row.check_in_time ? { checkInMail: { weekday: Number(row.check_in_weekday), time: row.check_in_time } } : {}),
  };
}

/**
 * Locks the team's row (and so its version counter) before any member row. A push takes the
 * team first and then, for `member.update`, the member; taking them in the same order here
 * means an admin command and a push never wait on each other in a circle.
 */
async function lockTeam(tx: Queryable, teamId: string): Promise<void> {
  await tx.query('SELECT 1 FROM teams WHERE id = $1 FOR UPDATE', [teamId]);
}

/** Writes the synced copy of a member, so every device's feed and pickers know them. */
async function publishMember(tx: Queryable, row: MemberRow): Promise<Member> {
  const version = await nextVersion(tx, row.team_id);
  const doc = memberDoc(row, version);
  await writeEntity(tx, row.team_id, 'members', doc, version);
  return doc;
}

/** Default display name from an email: "sam.sourcer@x" → "Sam Sourcer". */
function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ') || email;
}

/**
 * Trades a one-time invite code for a device token. The invite's email becomes (or already is)
 * a member of the team; a used or revoked code is refused.
 */
export async function redeem(db: Database, code: string, deviceName: string): Promise<RedeemResponse> {
  const codeHash = hashSecret(normaliseInviteCode(code));
  return db.transaction(async (tx) => {
    // The team's lock before the invite's, in the order `revoke` takes them (team, member, invites).
    const [found] = await tx.query<{ team_id: string }>('SELECT team_id FROM invites WHERE code_hash = $1', [codeHash]);
    if (!found) throw new AuthError(401, 'that invite code is not valid: check it for typos, or ask your admin for a new one');
    await lockTeam(tx, found.team_id);
    const [inv] = await tx.query<{ team_id: string; email: string; role: Role; used_at: string | null; revoked_at: string | null; expires_at: string; expired: boolean }>(
      'SELECT team_id, email, role, used_at, revoked_at, expires_at, expires_at <= now() AS expired FROM invites WHERE code_hash = $1 FOR UPDATE',
      [codeHash],
    );
    if (!inv) throw new AuthError(401, 'that invite code is not valid: check it for typos, or ask your admin for a new one');
    if (inv.revoked_at) throw new AuthError(401, 'that invite code was revoked; ask your admin for a new one');
    if (inv.used_at) throw new AuthError(401, 'that invite code was already used; ask your admin for a new one');
    if (inv.expired) throw new AuthError(401, `that invite code expired on ${isoTime(inv.expires_at).slice(0, 10)}; ask your admin for a new one`);
    // The member the invite made (or, for an invite from before invites made members, a new
    // one). An upsert: another invite for the same email redeemed at the same moment waits for
    // this one and then takes the member over, as if it came a moment later (not a 500).
    const [row] = await tx.query<MemberRow>(
      `INSERT INTO members (id, team_id, email, name, role, joined_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (team_id, email) DO UPDATE SET role = excluded.role, revoked_at = NULL, joined_at = coalesce(members.joined_at, now()) RETURNING *`,
      [ulid(), inv.team_id, inv.email, nameFromEmail(inv.email), inv.role],
    );
    const member = await publishMember(tx, row!);
    await tx.query('UPDATE invites SET used_at = now(), used_by = $2 WHERE code_hash = $1', [codeHash, row!.id]);
    const token = newToken();
    await tx.query('INSERT INTO devices (token_hash, member_id, name) VALUES ($1, $2, $3)', [hashSecret(token), row!.id, deviceName]);
    const [team] = await tx.query<TeamRow>('SELECT id, name FROM teams WHERE id = $1', [inv.team_id]);
    return { token, member, team: team! };
  });
}

export interface Authenticated {
  memberId: string;
  teamId: string;
  role: Role;
  tokenHash: string;
  /** The device's id (the one admins see), which names it when its access ends. */
  deviceId: string;
}

/**
 * The member a bearer token belongs to, or an AuthError saying why not. Records the device's
 * last use, at most once a minute: a write on every push and pull would be a write too many.
 */
export async function authenticate(db: Queryable, token: string): Promise<Authenticated> {
  const tokenHash = hashSecret(token);
  const [row] = await db.query<{ member_id: string; team_id: string; role: Role; device_id: string; device_revoked: string | null; member_revoked: string | null; seen_long_ago: boolean }>(
    `SELECT m.id AS member_id, m.team_id, m.role, d.id AS device_id, d.revoked_at AS device_revoked, m.revoked_at AS member_revoked,
            d.last_seen_at IS NULL OR d.last_seen_at < now() - interval '1 minute' AS seen_long_ago
       FROM devices d JOIN members m ON m.id = d.member_id
      WHERE d.token_hash = $1`,
    [tokenHash],
  );
  if (!row) throw new AuthError(401, 'this device is not signed in (unknown token); sign in again with a new invite code');
  if (row.device_revoked || row.member_revoked) throw new AuthError(401, 'access for this device was revoked; ask your admin for a new invite code');
  if (row.seen_long_ago) await db.query('UPDATE devices SET last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
  return { memberId: row.member_id, teamId: row.team_id, role: row.role, tokenHash, deviceId: row.device_id };
}

export async function signOutDevice(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('UPDATE devices SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash]);
}

export async function memberProfile(db: Queryable, memberId: string): Promise<{ member: Member; team: TeamRow }> {
  const [row] = await db.query<MemberRow & { team_name: string; version: number }>(
    `SELECT m.*, t.name AS team_name, e.version FROM members m
       JOIN teams t ON t.id = m.team_id
       LEFT JOIN entities e ON e.team_id = m.team_id AND e.kind = 'member' AND e.id = m.id
      WHERE m.id = $1`,
    [memberId],
  );
  if (!row) throw new AuthError(404, 'no such member');
  return { member: memberDoc(row, Number(row.version ?? 0)), team: { id: row.team_id, name: row.team_name } };
}

export interface MemberListing {
  members: { email: string; name: string; role: Role; status: MemberStatus; devices: number }[];
  pendingInvites: { email: string; role: Role; createdAt: string; expiresAt: string }[];
}

export async function listMembers(db: Queryable, teamIdOrName: string): Promise<MemberListing & { team: TeamRow }> {
  const team = await findTeam(db, teamIdOrName);
  const members = await db.query<MemberRow & { devices: number }>(
    `SELECT m.*, (SELECT count(*) FROM devices d WHERE d.member_id = m.id AND d.revoked_at IS NULL)::int AS devices
       FROM members m WHERE m.team_id = $1 ORDER BY m.email`,
    [team.id],
  );
  const invites = await db.query<{ email: string; role: Role; created_at: string; expires_at: string }>(
    'SELECT email, role, created_at, expires_at FROM invites WHERE team_id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now() ORDER BY created_at',
    [team.id],
  );
  return {
    team,
    members: members.map((m) => ({ email: m.email, name: m.name, role: m.role, status: memberStatus(m), devices: Number(m.devices) })),
    pendingInvites: invites.map((i) => ({ email: i.email, role: i.role, createdAt: isoTime(i.created_at), expiresAt: isoTime(i.expires_at) })),
  };
}

/** The member of the team with this email, locked for the change the caller makes in `tx`. */
async function changeMember(tx: Queryable, teamIdOrName: string, email: string, sql: string, params: unknown[]): Promise<Member> {
  const team = await findTeam(tx, teamIdOrName);
  await lockTeam(tx, team.id);
  const [row] = await tx.query<MemberRow>(`UPDATE members SET ${sql} WHERE team_id = $1 AND email = $2 RETURNING *`, [team.id, email, ...params]);
  if (!row) throw new AuthError(404, `${email} is not a member of ${team.name}`);
  return publishMember(tx, row);
}

/** Changes a member's role; every device learns it at its next pull. */
export async function setRole(db: Database, teamIdOrName: string, email: string, role: Role): Promise<Member> {
  return db.transaction((tx) => changeMember(tx, teamIdOrName, email, 'role = $3', [role]));
}

/** An admin renames a member (members rename themselves in Options, through `member.update`). */
export async function rename(db: Database, teamIdOrName: string, email: string, name: string): Promise<Member> {
  if (name.trim() === '') throw new AuthError(400, 'the name cannot be empty');
  const parsed = MemberName.safeParse(name);
  if (!parsed.success) throw new AuthError(400, `the name ${parsed.error.issues[0]!.message}`);
  return db.transaction((tx) => changeMember(tx, teamIdOrName, email, 'name = $3', [parsed.data]));
}

/**
 * Revokes a person in one team: their devices' tokens and their unused invites there. Their
 * member record says so, so nobody picks them any more; their name stays on what they did.
 */
export async function revoke(db: Database, teamIdOrName: string, email: string): Promise<{ members: number; devices: number; invites: number }> {
  return db.transaction(async (tx) => {
    const team = await findTeam(tx, teamIdOrName);
    await lockTeam(tx, team.id);
    const members = await tx.query<MemberRow>('UPDATE members SET revoked_at = now() WHERE team_id = $1 AND email = $2 AND revoked_at IS NULL RETURNING *', [team.id, email]);
    const devices = await tx.query(
      'UPDATE devices SET revoked_at = now() WHERE revoked_at IS NULL AND member_id IN (SELECT id FROM members WHERE team_id = $1 AND email = $2) RETURNING token_hash',
      [team.id, email],
    );
    const invites = await tx.query('UPDATE invites SET revoked_at = now() WHERE team_id = $1 AND email = $2 AND used_at IS NULL AND revoked_at IS NULL RETURNING code_hash', [
      team.id,
      email,
    ]);
    if (members.length + devices.length + invites.length === 0) throw new AuthError(404, `nobody with the email ${email} in ${team.name}`);
    for (const member of members) await publishMember(tx, member);
    return { members: members.length, devices: devices.length, invites: invites.length };
  });
}
