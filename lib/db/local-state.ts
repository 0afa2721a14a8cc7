import { ulid } from 'ulidx';
import { z } from 'zod';
import { DEFAULT_SETTINGS, Id, LOCAL_TEAM_ID, Me, Settings, TeamId } from '@/lib/model';
import type { TandemDB } from './database';
import { allowSyncedWrites } from './synced-write-guard';

/** Keys of the `local` table. Values are validated on read: the store outlives code versions. */
export const LOCAL_KEYS = {
  me: 'me',
  settings: 'settings',
  clientId: 'clientId',
  lastMutationId: 'lastMutationId',
  session: 'session',
  syncState: 'syncState',
  batchTray: 'batchTray',
  /** What this device already notified about (lib/reminders/memory.ts). */
  reminders: 'reminders',
  /** Names of the teams this device signed in to, by id, to name a team's unsent changes (lib/sync/outbox.ts). */
  teamNames: 'teamNames',
  /** The team this device last signed out of (lib/sync/account.ts); kept through "remove the team's data". */
  signedOut: 'signedOut',
  /** Who was last signed in to each team on this device, by team id: whose unsent changes a team's are. */
  teamMembers: 'teamMembers',
  /** Unsent changes of a member other than the one signed in, kept apart (lib/sync/outbox.ts). */
  heldChanges: 'heldChanges',
  /** The team server last signed in to, kept after signing out so the form offers it again. */
  lastServerUrl: 'lastServerUrl',
  /** "Same person as …?" answered No on this device: person ids by profile key (lib/prospects/page-match.ts). */
  notSamePerson: 'notSamePerson',
  /** The team's secret for the suppression list's keyed hashes, sent by the server with every pull. */
  suppressionSecret: 'suppressionSecret',
  /** A first sign-in's phases and history cursor (lib/sync/first-sync.ts). */
  firstSync: 'firstSync',
  /** People and notes stored without their search words, still to be given them (lib/db/deferred-indexes.ts). */
  indexBacklog: 'indexBacklog',
  /** Activities stored before the index of undone ones, still to be walked (lib/db/upgrade-walks.ts). */
  tombstoneBacklog: 'tombstoneBacklog',
  /** Notes stored before `noteWords`, still to be listed there (lib/db/upgrade-walks.ts). */
  noteWordsBacklog: 'noteWordsBacklog',
} as const;

export async function readValidated<T extends z.ZodType>(db: TandemDB, key: string, schema: T): Promise<z.infer<T> | undefined> {
  const row = await db.local.get(key);
  if (!row) return undefined;
  const parsed = schema.safeParse(row.value);
  return parsed.success ? parsed.data : undefined;
}

export const DEFAULT_MEMBER_NAME = 'New member';

/** Who uses this device; made on first use so the sidebar works before the options page is visited. */
export async function ensureMe(db: TandemDB): Promise<Me> {
  return db.transaction('rw', db.local, db.members, async () => {
    allowSyncedWrites('account');
    const existing = await readValidated(db, LOCAL_KEYS.me, Me);
    if (existing) return existing;
    const me: Me = { memberId: ulid(), teamId: LOCAL_TEAM_ID, name: DEFAULT_MEMBER_NAME, email: '', role: 'recruiter' };
    await db.local.put({ key: LOCAL_KEYS.me, value: me });
    await db.members.put({
      id: me.memberId,
      teamId: me.teamId,
      version: 0,
      deletedAt: null,
      name: me.name,
      email: `${me.memberId.toLowerCase()}@device.local`,
      role: me.role,
    });
    return me;
  });
}

export async function readMe(db: TandemDB): Promise<Me | undefined> {
  return readValidated(db, LOCAL_KEYS.me, Me);
}

export async function readSettings(db: TandemDB): Promise<Settings> {
  return (await readValidated(db, LOCAL_KEYS.settings, Settings)) ?? DEFAULT_SETTINGS;
}

export async function writeSettings(db: TandemDB, patch: Partial<z.input<typeof Settings>>): Promise<Settings> {
  return db.transaction('rw', db.local, async () => {
    const next = Settings.parse({ ...(await readSettings(db)), ...patch });
    await db.local.put({ key: LOCAL_KEYS.settings, value: next });
    return next;
  });
}

/** A stable id for this device's outbox; the server binds it to the member (issue 3). */
export async function ensureClientId(db: TandemDB): Promise<string> {
  const row = await db.local.get(LOCAL_KEYS.clientId);
  if (typeof row?.value === 'string') return row.value;
  const clientId = ulid();
  await db.local.put({ key: LOCAL_KEYS.clientId, value: clientId });
  return clientId;
}

/** Next mutation id; must run inside the caller's transaction so ids and writes commit together. */
export async function nextMutationId(db: TandemDB): Promise<number> {
  const row = await db.local.get(LOCAL_KEYS.lastMutationId);
  const next = (typeof row?.value === 'number' ? row.value : 0) + 1;
  await db.local.put({ key: LOCAL_KEYS.lastMutationId, value: next });
  return next;
}

/** The team and member this device signed out of; cleared by the next sign-in. */
export const SignedOut = z.object({ teamId: TeamId, teamName: z.string(), memberId: Id, at: z.number().int() });
export type SignedOut = z.infer<typeof SignedOut>;

export function readSignedOut(db: TandemDB): Promise<SignedOut | undefined> {
  return readValidated(db, LOCAL_KEYS.signedOut, SignedOut);
}

/** Whether this device was ever signed in to a team: the teams it remembers survive removing a team's data. */
export async function wasInATeam(db: TandemDB): Promise<boolean> {
  for (const key of [LOCAL_KEYS.teamNames, LOCAL_KEYS.teamMembers]) {
    const value = (await db.local.get(key))?.value;
    if (typeof value === 'object' && value !== null && Object.keys(value).length > 0) return true;
  }
  return false;
}

/**
 * Why this device must not queue changes now, or null when it may. Signed out after having been
 * in a team, nothing is queued: a queued change carries no author, so it would be sent as
 * whoever signs in next. (Before a device ever joins a team, its changes are its one member's
 * and become theirs at the first sign-in.)
 */
export async function whyChangesAreRefused(db: TandemDB): Promise<string | null> {
  if (await db.local.get(LOCAL_KEYS.session)) return null;
  const signedOut = await readSignedOut(db);
  const me = await readMe(db);
  // Older versions kept no `signedOut`: the teams it remembers say it was in one.
  if (!signedOut && !(await wasInATeam(db)) && (!me || me.teamId === LOCAL_TEAM_ID)) return null;
  const team = signedOut?.teamName ? `to ${signedOut.teamName} ` : '';
  return `you are signed out: sign in ${team}again to record changes (nothing is recorded while signed out, so nothing can be sent later in someone else’s name)`;
}

const SuppressionSecret = z.object({ teamId: TeamId, secret: z.string().min(1) });

/** The signed-in team's secret for suppression hashes; undefined before the first pull from its server. */
export async function readSuppressionSecret(db: TandemDB, teamId: string): Promise<string | undefined> {
  const stored = await readValidated(db, LOCAL_KEYS.suppressionSecret, SuppressionSecret);
  return stored?.teamId === teamId ? stored.secret : undefined;
}

/** Keeps the team's suppression secret (in the caller's transaction, beside the pulled rows). */
export async function writeSuppressionSecret(db: TandemDB, teamId: string, secret: string): Promise<void> {
  await db.local.put({ key: LOCAL_KEYS.suppressionSecret, value: { teamId, secret } });
}
