import Dexie from 'dexie';
import { z } from 'zod';
import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS, readValidated } from '@/lib/db/local-state';
import { LOCAL_TEAM_ID, type OutboxEntry } from '@/lib/model';

/** A team's pending changes with ids above `after`, in the order they were made. */
export function teamOutbox(db: TandemDB, teamId: string, after = 0) {
  return db.outbox.where('[teamId+mutationId]').between([teamId, after], [teamId, Dexie.maxKey], false, true);
}

/** How many changes wait to be sent to `teamId`. */
export function pendingCount(db: TandemDB, teamId: string): Promise<number> {
  return teamOutbox(db, teamId).count();
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
 * member's own work, made to be shared with the team they sign in to.
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
