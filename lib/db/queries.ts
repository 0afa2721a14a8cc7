import { startOfDay, endOfDay } from 'date-fns';
import { Dexie } from 'dexie';
import type { Activity, Member, Note, Prospect } from '@/lib/model';
import { type TandemDB, fromProspectRow } from './database';
import { readMe } from './local-state';

export async function findProspectByKey(db: TandemDB, key: string): Promise<Prospect | undefined> {
  const rows = await db.prospects.where('profileKeys').equals(key).toArray();
  const live = rows.find((r) => r.deletedAt === null);
  return live ? fromProspectRow(live) : undefined;
}

export async function findProspectsByEmail(db: TandemDB, email: string): Promise<Prospect[]> {
  const rows = await db.prospects.where('emails').equals(email.trim().toLowerCase()).toArray();
  return rows.filter((r) => r.deletedAt === null).map(fromProspectRow);
}

/** The person's feed, newest first, tombstones left out. */
export async function activitiesFor(db: TandemDB, prospectId: string): Promise<Activity[]> {
  const rows = await db.activities
    .where('[prospectId+at]')
    .between([prospectId, Dexie.minKey], [prospectId, Dexie.maxKey])
    .reverse()
    .toArray();
  return rows.filter((a) => a.deletedAt === null);
}

/** Notes the member may see: the team's and their own private ones, newest first. */
export async function notesFor(db: TandemDB, prospectId: string, memberId: string): Promise<Note[]> {
  const rows = await db.notes
    .where('[prospectId+createdAt]')
    .between([prospectId, Dexie.minKey], [prospectId, Dexie.maxKey])
    .reverse()
    .toArray();
  return rows.filter((n) => n.deletedAt === null && (n.visibility === 'team' || n.authorId === memberId));
}


/** Whether the member already has a `viewed` on the person on the local calendar day of `at`. */
export async function hasViewedOnDay(db: TandemDB, prospectId: string, memberId: string, at: number): Promise<boolean> {
  const from = startOfDay(at).getTime();
  const to = endOfDay(at).getTime();
  const count = await db.activities
    .where('[prospectId+actorId+kind]')
    .equals([prospectId, memberId, 'viewed'])
    .filter((a) => a.deletedAt === null && a.at >= from && a.at <= to)
    .count();
  return count > 0;
}

/**
 * The members of the team this device works in (before sign-in: its local profile alone). A
 * member row of any other team is nobody here: the local profile an earlier version kept after
 * sign-in showed up in every picker, and the server refused it.
 */
export async function teamMembers(db: TandemDB): Promise<Member[]> {
  const [me, rows] = await Promise.all([readMe(db), db.members.toArray()]);
  return me ? rows.filter((m) => m.teamId === me.teamId) : rows;
}

export async function membersById(db: TandemDB): Promise<Map<string, Member>> {
  return new Map((await teamMembers(db)).map((m) => [m.id, m]));
}
