import Dexie from 'dexie';
import { z } from 'zod';
import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS, ensureClientId, nextMutationId, readMe, readValidated } from '@/lib/db/local-state';
import { Id, LOCAL_TEAM_ID, type OutboxEntry, UnsentChanges } from '@/lib/model';
import { readSession } from './session';
import { COUNTED_UP_TO } from './status';

/** A team's pending changes with ids above `after`, in the order they were made. */
export function teamOutbox(db: TandemDB, teamId: string, after = 0) {
  return db.outbox.where('[teamId+mutationId]').between([teamId, after], [teamId, Dexie.maxKey], false, true);
}

/**
 * How many changes wait to be sent to `teamId`, counted up to `upTo`: an IndexedDB count walks
 * every entry in range, and a device offline for weeks can queue many thousands; reading keys
 * with a limit stops there (the status line says "1,000+").
 */
export async function pendingCount(db: TandemDB, teamId: string, upTo = COUNTED_UP_TO): Promise<number> {
  return (await teamOutbox(db, teamId).limit(upTo).primaryKeys()).length;
}

/** Every team's queued changes, counted up to `upTo` (see pendingCount). */
export async function queuedCount(db: TandemDB, upTo = COUNTED_UP_TO): Promise<number> {
  return (await db.outbox.limit(upTo).primaryKeys()).length;
}

/** Drops a team's changes the server has handled (every id up to `lastMutationId`). */
export function dropAcknowledged(db: TandemDB, teamId: string, lastMutationId: number) {
  return db.outbox.where('[teamId+mutationId]').between([teamId, 0], [teamId, lastMutationId], true, true).delete();
}

const TeamNames = z.record(z.string(), z.string());

/** Remembers a team's name, to name its unsent changes once the device is in another team. */
export async function rememberTeamName(db: TandemDB, teamId: string, name: string): Promise<void> {
  const names = (await readValidated(db, LOCAL_KEYS.teamNames, TeamNames)) ?? {};
  await db.local.put({ key: LOCAL_KEYS.teamNames, value: { ...names, [teamId]: name } });
}

/**
 * Changes made before the device joined any team become the joined team's: they are the
 * member's own work, made to be shared with the team they sign in to. (Only before the first
 * team: after one, nothing is queued while signed out, and what an older version queued then is
 * kept apart instead, `holdChanges`, since nobody knows whose it is.)
 */
export function adoptLocalChanges(db: TandemDB, teamId: string) {
  return teamOutbox(db, LOCAL_TEAM_ID).modify((entry: OutboxEntry) => {
    entry.teamId = teamId;
  });
}

/** Unsent changes written for a team other than `teamId`, by team, with the team's name when known. */
export interface OtherTeamChanges {
  teamId: string;
  teamName: string | null;
  count: number;
}

export async function changesForOtherTeams(db: TandemDB, teamId: string): Promise<OtherTeamChanges[]> {
  const counts = new Map<string, number>();
  await db.outbox.each((entry) => {
    const team = entry.teamId ?? LOCAL_TEAM_ID;
    if (team !== teamId && team !== LOCAL_TEAM_ID) counts.set(team, (counts.get(team) ?? 0) + 1);
  });
  if (counts.size === 0) return [];
  const names = (await readValidated(db, LOCAL_KEYS.teamNames, TeamNames)) ?? {};
  return [...counts].map(([id, count]) => ({ teamId: id, teamName: names[id] ?? null, count }));
}

/** Throws away a team's unsent changes (the member chose to, signed in to another team). */
export function discardChanges(db: TandemDB, teamId: string): Promise<number> {
  return teamOutbox(db, teamId).delete();
}

/** Whose a team's unsent changes are: the team and the member who made them, with names to show. */
export type ChangesOwner = Omit<UnsentChanges, 'changes' | 'basis'>;

/**
 * A team's unsent changes, with the version the server had of each row they wrote (what the
 * shadows kept): enough to send them again later as their member, only where nothing changed.
 */
export async function unsentChanges(db: TandemDB, owner: ChangesOwner, { rowsHere = true } = {}): Promise<UnsentChanges> {
  const entries = await teamOutbox(db, owner.teamId).toArray();
  // The device holds one team's rows at a time: its shadows say nothing about another team's.
  const shadows = rowsHere ? await db.shadows.toArray() : [];
  return {
    ...owner,
    changes: entries.map(({ name, args, createdAt }) => ({ name, args, createdAt })),
    basis: shadows.map((s) => ({ table: s.table, id: s.id, version: (s.original as { version?: number } | null)?.version ?? null })),
  };
}

const Held = z.array(UnsentChanges);

/** Unsent changes of members other than the one signed in, kept apart: never sent as someone else. */
export async function readHeldChanges(db: TandemDB): Promise<UnsentChanges[]> {
  return (await readValidated(db, LOCAL_KEYS.heldChanges, Held)) ?? [];
}

/** Moves a team's unsent changes out of the outbox, to be exported for their member or discarded. */
export async function holdChanges(db: TandemDB, owner: ChangesOwner): Promise<number> {
  const held = await unsentChanges(db, owner);
  if (held.changes.length === 0) return 0;
  await db.local.put({ key: LOCAL_KEYS.heldChanges, value: [...(await readHeldChanges(db)), held] });
  await teamOutbox(db, owner.teamId).delete();
  return held.changes.length;
}

const TeamMembers = z.record(z.string(), Id);

/** Who was last signed in to each team on this device, by team id: whose that team's unsent changes are. */
export async function readTeamMembers(db: TandemDB): Promise<Record<string, string>> {
  return (await readValidated(db, LOCAL_KEYS.teamMembers, TeamMembers)) ?? {};
}

/**
 * Every unsent change on this device with whose it is: each team's queue (its member: who was
 * last signed in there) and the changes held apart. Changes from before the device joined a team
 * are left out: its records carry them, and restoring those makes them the member's again.
 */
export async function allUnsentChanges(db: TandemDB): Promise<UnsentChanges[]> {
  const session = await readSession(db);
  const me = await readMe(db);
  const owners = await readTeamMembers(db);
  const names = (await readValidated(db, LOCAL_KEYS.teamNames, TeamNames)) ?? {};
  const teams = new Set<string>();
  await db.outbox.each((entry) => void teams.add(entry.teamId));
  const queued: UnsentChanges[] = [];
  for (const teamId of teams) {
    const memberId = (session?.teamId === teamId ? session.memberId : undefined) ?? owners[teamId] ?? (me?.teamId === teamId ? me.memberId : undefined);
    if (teamId === LOCAL_TEAM_ID || !memberId) continue;
    const memberName = (await db.members.get(memberId))?.name ?? null;
    const rowsHere = teamId === (session?.teamId ?? me?.teamId);
    queued.push(await unsentChanges(db, { teamId, teamName: names[teamId] ?? null, memberId, memberName }, { rowsHere }));
  }
  return [...queued, ...(await readHeldChanges(db))];
}

/** Every change on this device that never reached a server: queued for any team, or held apart. */
export async function countUnsent(db: TandemDB): Promise<number> {
  return (await db.outbox.count()) + (await readHeldChanges(db)).reduce((n, h) => n + h.changes.length, 0);
}

/** Queues a member's held changes again, in their order, when that member signs back in to the team. */
export async function releaseHeldChanges(db: TandemDB, teamId: string, memberId: string): Promise<void> {
  const held = (await readHeldChanges(db)).find((h) => h.teamId === teamId && h.memberId === memberId);
  if (!held) return;
  const clientId = await ensureClientId(db);
  for (const change of held.changes) await db.outbox.add({ mutationId: await nextMutationId(db), clientId, teamId, name: change.name, args: change.args, createdAt: change.createdAt });
  await dropHeldChanges(db, teamId, memberId);
}

/** Forgets one member's held changes (exported, or discarded by choice). */
export async function dropHeldChanges(db: TandemDB, teamId: string, memberId: string): Promise<void> {
  const rest = (await readHeldChanges(db)).filter((h) => h.teamId !== teamId || h.memberId !== memberId);
  await db.local.put({ key: LOCAL_KEYS.heldChanges, value: rest });
}
