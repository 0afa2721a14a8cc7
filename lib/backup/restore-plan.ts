import type { TandemDB } from '@/lib/db/database';
import { ensureMe, readMe, readSettings, readSignedOut } from '@/lib/db/local-state';
import { type BackupRestoreArgs, LOCAL_TEAM_ID, RESTORABLE_TABLES, type RestorableTable, SYNCED_TABLES, type Settings, type SyncedTable, type UnsentChanges } from '@/lib/model';
import { type Actor, whyNotRestorable } from '@/lib/mutations';
import { readSession, readSyncState } from '@/lib/sync/session';
import { readFirstSync } from '@/lib/sync/first-sync';
import type { Backup } from './backup';

/** Where a backup would go: what this device is, which decides what it may restore and how. */
export type RestoreTarget =
  /** Signed in and up to date: what the device lacks is re-created as mutations, sent to the team. */
  | { kind: 'team'; teamId: string; teamName: string; actor: Actor }
  /** Never in a team: the device's own records, queued as the team's own work are until the first sign-in. */
  | { kind: 'local'; actor: Actor }
  /** Signed out of a team: nothing is recorded until the member signs in again. */
  | { kind: 'signed-out'; teamName: string }
  /** Signed in, but the team's records have not arrived yet: what the device lacks cannot be told. */
  | { kind: 'not-synced'; teamName: string };

/** Records of a backup left out, and why (in words for the member). */
export interface Skipped {
  reason: string;
  count: number;
}

/** What a restore will do, shown before it does it. */
export interface RestorePlan {
  target: RestoreTarget;
  /** The records to re-create, people first. */
  restore: BackupRestoreArgs[];
  /** Records this device already has: left as they are, whatever the file says. */
  present: number;
  skipped: Skipped[];
  /** The file's settings, when they differ from this device's. */
  settings: Settings | null;
  /** The signed-in member's own unsent changes in the file, to send again. */
  resend: UnsentChanges | null;
  /** Unsent changes in the file that are not sent from here, and why: only their member sends them, in their team. */
  unsentLeft: Skipped[];
}

async function targetOf(db: TandemDB): Promise<RestoreTarget> {
  const session = await readSession(db);
  const me = await readMe(db);
  if (session && me) {
    // Until a first sign-in's older history has arrived the device cannot tell what it lacks either.
    if ((await readSyncState(db)).lastSyncedAt === null || (await readFirstSync(db, session.teamId))) return { kind: 'not-synced', teamName: session.teamName };
    return { kind: 'team', teamId: session.teamId, teamName: session.teamName, actor: { memberId: me.memberId, teamId: session.teamId, role: me.role } };
  }
  const signedOut = await readSignedOut(db);
  if (signedOut || (me && me.teamId !== LOCAL_TEAM_ID)) return { kind: 'signed-out', teamName: signedOut?.teamName ?? '' };
  const local = await ensureMe(db);
  return { kind: 'local', actor: { memberId: local.memberId, teamId: local.teamId, role: local.role } };
}

const isRestorable = (table: SyncedTable): table is RestorableTable => (RESTORABLE_TABLES as readonly string[]).includes(table);

/** Why a whole table is not restored: the team's server keeps it, or (never in a team) this version does not. */
function tableSkipped(target: RestoreTarget): string {
  return target.kind === 'team'
    ? 'members, aliases, requisitions and reviews: the team’s server keeps them, and this device gets them by syncing'
    : 'members, aliases, requisitions and reviews: not restored';
}

/** Records of a team other than this device's are never imported into it. */
function otherTeam(backup: Backup, teamId: string, target: RestoreTarget & { kind: 'team' | 'local' }): string {
  const theirs = (backup.team?.id === teamId && backup.team.name) || 'another team';
  return target.kind === 'team'
    ? `of ${theirs}, not ${target.teamName}`
    : `of ${theirs}: sign in to it and import the file again to restore what its server lacks`;
}

function whyUnsentStay(unsent: UnsentChanges, target: RestoreTarget): string | null {
  const team = unsent.teamName || 'their team';
  if (target.kind !== 'team') return `made in ${team}: sent only by their member, signed in to it`;
  if (unsent.teamId !== target.teamId) return `made in ${team}, not ${target.teamName}`;
  if (unsent.memberId !== target.actor.memberId) return `made by ${unsent.memberName ?? 'another member'}: only they can send them, signed in as themselves`;
  return null;
}

/** A record of another table that names a person: found when the device or the restore has them. */
const personOf = (args: BackupRestoreArgs) => (args.table === 'prospects' ? null : args.row.prospectId);

/**
 * Decides, without writing anything, what importing `backup` into this device would do: which
 * records it re-creates (only those the device lacks, and only what the member could have
 * written), which it leaves, and why.
 */
export async function planRestore(db: TandemDB, backup: Backup): Promise<RestorePlan> {
  const target = await targetOf(db);
  const current = await readSettings(db);
  const settings = backup.settings && JSON.stringify(backup.settings) !== JSON.stringify(current) ? backup.settings : null;
  const plan: RestorePlan = { target, restore: [], present: 0, skipped: [], settings, resend: null, unsentLeft: [] };
  for (const unsent of backup.unsent) {
    const refused = whyUnsentStay(unsent, target);
    if (refused) plan.unsentLeft.push({ reason: refused, count: unsent.changes.length });
    else plan.resend = unsent;
  }
  if (target.kind !== 'team' && target.kind !== 'local') return plan;

  const skipped = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  // Rows the unsent changes wrote come back by sending those changes again, not as records.
  const resent = new Set(plan.resend?.basis.map((b) => `${b.table}:${b.id}`));
  const people = new Set<string>();
  for (const table of SYNCED_TABLES) {
    const rows = backup.tables[table] as { id: string }[];
    const have = new Set((await db.table(table).bulkGet(rows.map((r) => r.id))).flatMap((row: { id: string } | undefined) => (row ? [row.id] : [])));
    for (const row of rows as { id: string; teamId: string }[]) {
      if (have.has(row.id)) plan.present++;
      else if (resent.has(`${table}:${row.id}`)) continue;
      else if (row.teamId !== target.actor.teamId && row.teamId !== LOCAL_TEAM_ID) skip(otherTeam(backup, row.teamId, target));
      else if (!isRestorable(table)) skip(tableSkipped(target));
      else {
        const args = { table, row } as BackupRestoreArgs;
        const person = personOf(args);
        const refusal =
          whyNotRestorable(args, target.actor) ??
          (person && !people.has(person) && !(await db.prospects.get(person)) && !(await db.aliases.get(person)) ? 'their person is neither in the file nor on this device' : null);
        if (refusal) skip(refusal);
        else {
          plan.restore.push(args);
          if (table === 'prospects') people.add(row.id);
        }
      }
    }
  }
  plan.skipped = [...skipped].map(([reason, count]) => ({ reason, count }));
  return plan;
}
