import { ulid } from 'ulidx';
import { type TandemDB, writableTables } from '@/lib/db/database';
import { LOCAL_KEYS, type SignedOut, readMe, readSettings, readSignedOut, wasInATeam } from '@/lib/db/local-state';
import { mutate } from '@/lib/db/mutate';
import { chosenTimeZone, forgetDeviceTimeZone } from '@/lib/db/my-time-zone';
import { shareReminderRules } from '@/lib/db/my-reminder-rules';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';
import { LOCAL_TEAM_ID, RedeemResponse, type Me } from '@/lib/model';
import { memberUpdate } from '@/lib/mutations';
import { adoptLocalChanges, countUnsent, holdChanges, readTeamMembers, releaseHeldChanges, rememberTeamName } from './outbox';
import { clearSyncedRows, restoreShadows } from './rebase';
import { INITIAL_SYNC_STATE, type Session, readSession } from './session';
import type { Fetch } from './transport';

/** Sign-in could not happen; the message says why in words for the user. */
export class SignInError extends Error {}

/** Removing the team's data would delete changes that never reached the server; the caller asks first. */
export class UnsentChangesError extends Error {
  constructor(readonly count: number) {
    super(`${count} unsent ${count === 1 ? 'change' : 'changes'} would be deleted`);
    this.name = 'UnsentChangesError';
  }
}

/** The server's origin from what the user typed ("tandem.acme.com" → https://tandem.acme.com). */
export function normaliseServerUrl(input: string): string {
  const trimmed = input.trim();
  if (!trimmed) throw new SignInError('enter your team server’s address');
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new SignInError(`“${input}” is not a web address`);
  }
  if (url.protocol !== 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    throw new SignInError('use https:// (plain http is only allowed for a server on this computer)');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Trades an invite code for a device token and becomes that member. Changes made before the
 * device joined any team become this team's and are sent as the signed-in member; changes
 * written for another team stay queued for that team only (the options page asks whether to
 * keep or discard them); this team's changes made by another member who was signed in here
 * are kept apart, never sent as this one (the options page offers to export or discard them),
 * and this member's own kept-apart changes are queued again; rows of another team are forgotten.
 */
export async function signIn(db: TandemDB, { serverUrl, code, deviceName, fetch: fetchImpl = fetch }: { serverUrl: string; code: string; deviceName: string; fetch?: Fetch }): Promise<Session> {
  const base = normaliseServerUrl(serverUrl);
  if (!code.trim()) throw new SignInError('enter the invite code your admin gave you');
  let res: Response;
  try {
    res = await fetchImpl(`${base}/v1/auth/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName }),
      signal: AbortSignal.timeout(20_000),
    });
  } catch {
    throw new SignInError(`cannot reach ${base}: check the address and that the server is running`);
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const error = (body as { error?: unknown } | null)?.error;
    throw new SignInError(typeof error === 'string' ? error : `the server answered ${res.status}`);
  }
  const parsed = RedeemResponse.safeParse(body);
  if (!parsed.success) throw new SignInError(`${base} does not look like a Tandem server`);
  const { token, member, team } = parsed.data;
  const previous = await readSession(db);
  const meBefore = await readMe(db);
  const owners = await readTeamMembers(db);
  const ownerId = owners[team.id] ?? (meBefore?.teamId === team.id ? meBefore.memberId : undefined);
  const otherOwner = ownerId && ownerId !== member.id ? { id: ownerId, name: (await db.members.get(ownerId))?.name ?? null } : null;
  const firstTeam = !(await wasInATeam(db));
  const timeZone = meBefore?.teamId === LOCAL_TEAM_ID ? await chosenTimeZone(db) : (await readSettings(db)).reminders.timeZone;
  const hadOtherTeam = (await db.members.filter((m) => m.version > 0 && m.teamId !== team.id).count()) > 0;
  if (hadOtherTeam || (previous && previous.teamId !== team.id)) await clearSyncedRows(db);
  const session: Session = { serverUrl: base, token, clientId: ulid(), memberId: member.id, teamId: team.id, teamName: team.name, deviceName, signedInAt: Date.now() };
  const me: Me = { memberId: member.id, teamId: team.id, name: member.name, email: member.email, role: member.role };
  await db.transaction('rw', writableTables(db), async () => {
    allowSyncedWrites('account');
    await db.local.bulkPut([
      { key: LOCAL_KEYS.session, value: session },
      { key: LOCAL_KEYS.me, value: me },
      { key: LOCAL_KEYS.syncState, value: INITIAL_SYNC_STATE },
      { key: LOCAL_KEYS.lastServerUrl, value: base },
    ]);
    // The cursor starts at zero: the first pull begins a first sign-in of its own.
    await db.local.bulkDelete([LOCAL_KEYS.signedOut, LOCAL_KEYS.firstSync]);
    await db.local.put({ key: LOCAL_KEYS.teamMembers, value: { ...owners, [team.id]: member.id } });
    if (otherOwner) {
      const held = await holdChanges(db, { teamId: team.id, teamName: team.name, memberId: otherOwner.id, memberName: otherOwner.name });
      // Their optimistic rows go too: this member sees the team's state, not someone else's drafts.
      if (held > 0) await restoreShadows(db);
    }
    await releaseHeldChanges(db, team.id, member.id);
    await db.members.put(member);
    await forgetLocalProfile(db);
    if (firstTeam) await adoptLocalChanges(db, team.id);
    else if (meBefore?.teamId === LOCAL_TEAM_ID) {
      // Queued signed out by an older version (after removing a team's data): whoever browsed, not this member.
      await holdChanges(db, { teamId: LOCAL_TEAM_ID, teamName: null, memberId: meBefore.memberId, memberName: null });
    }
    await rememberTeamName(db, team.id, team.name);
  });
  // A time zone chosen on this device before joining (the local profile's, or an older
  // per-device setting) becomes the member's own unless they have one: it is kept in one place.
  if (timeZone !== null && !member.timeZone) await mutate(db, memberUpdate, { memberId: member.id, timeZone }, { actor: me });
  await forgetDeviceTimeZone(db);
  await shareReminderRules(db, { onlyMissing: true });
  return session;
}

/**
 * Signs this device out (the server forgets its token when it can be reached). The team's data
 * stays on the device unless `wipe`; unsent changes stay for the next sign-in of the same
 * member. Wiping unsent changes is refused (`UnsentChangesError`, with their count) unless
 * `discardUnsent` says the member chose to. Until the next sign-in nothing is queued
 * (`whyChangesAreRefused`), so nothing is later sent as whoever signs in next.
 */
export async function signOut(db: TandemDB, { wipe, discardUnsent = false, fetch: fetchImpl = fetch }: { wipe: boolean; discardUnsent?: boolean; fetch?: Fetch }): Promise<void> {
  const session = await readSession(db);
  const me = await readMe(db);
  const earlier = await readSignedOut(db);
  await db.transaction('rw', db.tables, async () => {
    allowSyncedWrites('account');
    const unsent = await countUnsent(db);
    if (wipe && unsent > 0 && !discardUnsent) throw new UnsentChangesError(unsent);
    await db.local.bulkDelete([LOCAL_KEYS.session, LOCAL_KEYS.syncState, LOCAL_KEYS.firstSync]);
    const teamId = session?.teamId ?? me?.teamId;
    const memberId = session?.memberId ?? me?.memberId;
    if (teamId && memberId && teamId !== LOCAL_TEAM_ID) {
      const signedOut: SignedOut = { teamId, teamName: session?.teamName ?? earlier?.teamName ?? '', memberId, at: Date.now() };
      await db.local.put({ key: LOCAL_KEYS.signedOut, value: signedOut });
    }
    if (wipe) {
      for (const table of db.tables) if (table.name !== 'local') await table.clear();
      await db.local.bulkDelete([LOCAL_KEYS.me, LOCAL_KEYS.lastMutationId, LOCAL_KEYS.heldChanges, LOCAL_KEYS.suppressionSecret, LOCAL_KEYS.indexBacklog, LOCAL_KEYS.tombstoneBacklog]);
    }
  });
  if (session) {
    await fetchImpl(`${session.serverUrl}/v1/auth/signout`, { method: 'POST', headers: { authorization: `Bearer ${session.token}` }, signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
  }
}

/**
 * The member row of the profile this device made before it joined a team (team `local`). Once
 * signed in, the team's server says who the member is: that row is nobody in the team, and
 * left behind it showed up in every member picker and in exports. Call inside an 'account'
 * write transaction.
 */
function forgetLocalProfile(db: TandemDB) {
  return db.members.filter((m) => m.teamId === LOCAL_TEAM_ID).delete();
}

/**
 * Keeps `me` in step with the member row the server sends (a name they set on another device,
 * a role or name changed by an admin), and drops a local profile an earlier version kept.
 */
export async function refreshMe(db: TandemDB, session: Session): Promise<void> {
  await db.transaction('rw', db.local, db.members, async () => {
    allowSyncedWrites('account');
    await forgetLocalProfile(db);
    const member = await db.members.get(session.memberId);
    const me = await readMe(db);
    if (!member || !me) return;
    if (me.name === member.name && me.role === member.role && me.email === member.email) return;
    await db.local.put({ key: LOCAL_KEYS.me, value: { ...me, name: member.name, role: member.role, email: member.email } });
  });
}

/** The server address this device last signed in to, to offer again after signing out. */
export async function lastServerUrl(db: TandemDB): Promise<string | null> {
  const row = await db.local.get(LOCAL_KEYS.lastServerUrl);
  return typeof row?.value === 'string' ? row.value : null;
}
