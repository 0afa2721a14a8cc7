import { ulid } from 'ulidx';
import { TandemDB, toStoredRow } from '@/lib/db/database';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';
import type { Activity, Me, Prospect, ProspectIdentity, Role, SyncedRows, SyncedTable } from '@/lib/model';
import type { MutationContext } from '@/lib/mutations';

/** A fresh, uniquely named database on fake-indexeddb. */
export function freshDb(): TandemDB {
  return new TandemDB(`test-${ulid()}`);
}

/** A member's mutation context, with the whole `Me` for convenience. */
export function member(role: Role = 'recruiter', name = 'Riley Recruiter'): MutationContext & { me: Me } {
  const me: Me = { memberId: ulid(), teamId: 'local', name, email: '', role };
  return { actor: me, me };
}

/** Make `ctx` the device's own member, as the options page would. */
export async function signInAs(db: TandemDB, ctx: { me: Me }) {
  await db.local.put({ key: LOCAL_KEYS.me, value: ctx.me });
  await arrived(db, 'members', {
    id: ctx.me.memberId,
    teamId: ctx.me.teamId,
    version: 0,
    deletedAt: null,
    name: ctx.me.name,
    email: `${ctx.me.memberId.toLowerCase()}@example.com`,
    role: ctx.me.role,
  });
}

/** Empties every table, as signing out with "remove the team's data" does. */
export async function wipe(db: TandemDB) {
  await db.transaction('rw', db.tables, async () => {
    allowSyncedWrites('account');
    for (const table of db.tables) await table.clear();
  });
}

/** Stores rows as a pull would: the server's records, arriving on this device. */
export async function arrived<T extends SyncedTable>(db: TandemDB, table: T, ...rows: SyncedRows[T][]) {
  await db.transaction('rw', db.table(table), async () => {
    allowSyncedWrites('pull');
    await db.table(table).bulkPut(rows.map((r) => toStoredRow(table, r)));
  });
}

export function identity(slug = 'ada-lovelace', patch: Partial<ProspectIdentity> = {}): ProspectIdentity {
  return {
    site: 'linkedin',
    key: `linkedin:${slug}`,
    url: `https://www.linkedin.com/in/${slug}/`,
    name: 'Ada Lovelace',
    headline: 'Analyst at Analytical Engines',
    company: 'Analytical Engines',
    location: 'London, United Kingdom',
    ...patch,
  };
}

const SEARCH_TEAM = { teamId: 'team', version: 1, deletedAt: null };

/** A person of team "team" as the server sends them, for the People search's tests. */
export function searchPerson(id: string, name: string, patch: Partial<Prospect> = {}): Prospect {
  return { ...SEARCH_TEAM, id, name, headline: null, company: null, location: null, profiles: [], emails: [], doNotContact: null, createdAt: 1, updatedAt: 1, ...patch };
}

/** A "viewed" activity of team "team" at `at`, for the People search's order. */
export function viewedAt(id: string, prospectId: string, at: number): Activity {
  return { ...SEARCH_TEAM, id, prospectId, actorId: 'ME', at, requisitionId: null, kind: 'viewed', data: {} };
}
