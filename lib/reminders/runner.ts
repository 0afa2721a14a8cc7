import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS, readMe, readSettings, readValidated } from '@/lib/db/local-state';
import { RetryLoop } from '@/lib/retry-loop';
import { pendingFollowUps, openRequestsForReviewer } from '@/lib/db/review-queries';
import { resolvePeople, resolvePerson } from '@/lib/db/queries';
import { noticesDueFrom, teamPrivacyChoices } from '@/lib/db/privacy-queries';
import { resolvePolicy } from '@/lib/deadlines';
import { profileLink } from '@/lib/sites/profile-link';
import { type Badge, badgeFor, decideReminders, type ReminderNames } from './decide';
import { emptyMemory, type NotificationSpec, ReminderMemory } from './memory';
import { pageFor, parseNotificationId } from './notification-ids';
import { readSyncState } from '@/lib/sync/session';
import { DAY_MS } from '@/lib/time-units';

/**
 * The member is reminded of the privacy notices of people they added in this many days: the
 * deadline is a month at most, and 'remind' goes on daily well past it; older ones stay on the
 * dashboard's list (#privacy) without reading every person the team ever stored on each run.
 */
export const NOTICE_REMINDERS_FOR_DAYS = 90;

/** Where the runner's decisions go: the browser (browser-ports.ts), or a test's recorder. */
export interface ReminderPorts {
  show(notification: NotificationSpec): Promise<void>;
  setBadge(badge: Badge): Promise<void>;
  /** Take down the shown notifications `isStale` says are about nothing live any more. */
  clearStale(isStale: (notificationId: string) => boolean): Promise<void>;
}

export interface ReminderRunnerDeps {
  db: TandemDB;
  ports: ReminderPorts;
  /** The reminder clock (lib/clock.ts); called after `beforeRun`. */
  now: () => number;
  /** Runs first on every run, e.g. re-reading the clock offset. */
  beforeRun?: () => Promise<unknown>;
  deviceTimeZone?: () => string;
  onError?: (error: unknown) => void;
}

/**
 * Applies decideReminders: reads the member's requests, follow-ups, settings and the engine's
 * memory, decides, and records the new memory together with the notifications to show (as
 * `pending`) in one Dexie transaction; then shows them, drops them from `pending`, and sets the
 * badge. A worker stopped between the commit and the showing shows them on its next run (same
 * ids: a repeat replaces, never duplicates); one stopped before the commit decides again.
 *
 * Runs are serialised; asking during a run causes one more run after it; a failed run is retried
 * with backoff (lib/retry-loop.ts).
 */
export class ReminderRunner {
  private readonly loop: RetryLoop;
  private readonly onError: (error: unknown) => void;

  constructor(private readonly deps: ReminderRunnerDeps) {
    this.onError = deps.onError ?? ((err) => console.warn('Tandem reminders:', err));
    this.loop = new RetryLoop(() => this.runOnce(), { onError: this.onError });
  }

  /** Resolves when the run it causes has finished; never rejects (errors go to onError, and it is retried with backoff). */
  run(): Promise<void> {
    return this.loop.run();
  }

  /** Resolves when no run is going on (a retry may still be waiting). */
  whenIdle(): Promise<void> {
    return this.loop.whenIdle();
  }

  private async runOnce(): Promise<void> {
    const { db, ports } = this.deps;
    await this.deps.beforeRun?.();
    const now = this.deps.now();
    const deviceTimeZone = (this.deps.deviceTimeZone ?? (() => Intl.DateTimeFormat().resolvedOptions().timeZone))();

    const tables = [db.local, db.reviewRequests, db.followUps, db.members, db.requisitions, db.prospects, db.activities, db.aliases, db.teamPrivacy];
    // Read in a read-only transaction: on a large team's device these reads take long (every
    // person added in the notice window), and a read-write one over people and activities made
    // the sidebar's reads wait for all of it. The new memory is written after, in a short
    // transaction, only if nothing changed it meanwhile (an erasure: lib/db/forget-locally.ts).
    const read = await db.transaction('r', tables, async () => {
      const stored = (await db.local.get(LOCAL_KEYS.reminders))?.value;
      const parsed = ReminderMemory.safeParse(stored);
      const memory = parsed.success ? parsed.data : emptyMemory();
      const me = await readMe(db);
      if (!me) return { stored, write: null, pending: memory.pending, badge: badgeFor([], now), live: NOTHING_LIVE };
      const [requests, followUps, settings, member, requisitions, noticePeople, privacy, syncState] = await Promise.all([
        openRequestsForReviewer(db, me.memberId),
        pendingFollowUps(db, me.memberId),
        readSettings(db),
        db.members.get(me.memberId),
        db.requisitions.toArray(),
        noticesDueFrom(db, me.memberId, now - NOTICE_REMINDERS_FOR_DAYS * DAY_MS),
        teamPrivacyChoices(db),
        readSyncState(db),
      ]);
      const decision = decideReminders({
        memberId: me.memberId,
        requests,
        followUps,
        memory,
        policy: resolvePolicy(settings.reminders, deviceTimeZone, member ?? null),
        now,
        names: await namesFor(db, requests, followUps),
        checkIns: { requisitions, schedule: settings.checkInReminder },
        notices: { people: noticePeople, choices: privacy },
        overdueRemindedByMail: syncState.remindersByMail,
      });
      const pending = mergePending(memory.pending, decision.notifications);
      const write = decision.memoryChanged || pending !== memory.pending ? ({ ...decision.memory, pending } satisfies ReminderMemory) : null;
      return { stored, write, pending, badge: decision.badge, live: { requestIds: new Set(requests.map((r) => r.id)), followUpIds: new Set(followUps.map((f) => f.id)), noticePeopleIds: new Set(noticePeople.map((p) => p.prospectId)) } };
    });
    if (read.write) {
      const written = await db.transaction('rw', db.local, async () => {
        const current = (await db.local.get(LOCAL_KEYS.reminders))?.value;
        if (JSON.stringify(current) !== JSON.stringify(read.stored)) return false;
        await db.local.put({ key: LOCAL_KEYS.reminders, value: read.write });
        return true;
      });
      // Changed meanwhile: decide again on what is there now.
      if (!written) return this.runOnce();
    }
    const { pending, badge, live } = read;

    const shown: NotificationSpec[] = [];
    for (const notification of pending) {
      try {
        await ports.show(notification);
      } catch (e) {
        // Dropped rather than retried every tick: a browser that refuses now will refuse again.
        this.onError(e);
      }
      shown.push(notification);
    }
    if (shown.length > 0) await dropPending(db, shown);
    await ports.setBadge(badge);
    await ports.clearStale((id) => isStaleNotification(id, live));
  }
}

/** What the member's reminders are still about: the requests open to them, their follow-ups not done, the people whose notice they owe. */
export interface LiveReminders {
  requestIds: ReadonlySet<string>;
  followUpIds: ReadonlySet<string>;
  noticePeopleIds: ReadonlySet<string>;
}

const NOTHING_LIVE: LiveReminders = { requestIds: new Set(), followUpIds: new Set(), noticePeopleIds: new Set() };

/**
 * Whether a shown notification is about nothing live any more: a request closed, a follow-up
 * done, a notice logged, or a person erased (whose name its text carries).
 */
export function isStaleNotification(id: string, live: LiveReminders): boolean {
  const target = parseNotificationId(id);
  switch (target?.kind) {
    case 'request':
      return !live.requestIds.has(target.requestId);
    case 'requests':
      return live.requestIds.size === 0;
    case 'followUp':
      return !live.followUpIds.has(target.followUpId);
    case 'followUps':
      return live.followUpIds.size === 0;
    case 'notice':
      return !live.noticePeopleIds.has(target.prospectId);
    case 'notices':
      return live.noticePeopleIds.size === 0;
    default:
      return false;
  }
}

/** New decisions replace older pending ones with the same id (a fresher text for the same thing). */
function mergePending(pending: NotificationSpec[], fresh: NotificationSpec[]): NotificationSpec[] {
  if (fresh.length === 0) return pending;
  const ids = new Set(fresh.map((n) => n.id));
  return [...pending.filter((n) => !ids.has(n.id)), ...fresh].slice(-50);
}

async function dropPending(db: TandemDB, shown: NotificationSpec[]): Promise<void> {
  await db.transaction('rw', db.local, async () => {
    const memory = await readValidated(db, LOCAL_KEYS.reminders, ReminderMemory);
    if (!memory) return;
    const same = (a: NotificationSpec, b: NotificationSpec) => a.id === b.id && a.title === b.title && a.message === b.message;
    const pending = memory.pending.filter((n) => !shown.some((s) => same(s, n)));
    await db.local.put({ key: LOCAL_KEYS.reminders, value: { ...memory, pending } satisfies ReminderMemory });
  });
}

async function namesFor(db: TandemDB, requests: { requesterId: string; requisitionId: string; history: { by: string }[] }[], followUps: { prospectId: string }[]): Promise<ReminderNames> {
  const memberIds = [...new Set(requests.flatMap((r) => [r.requesterId, ...r.history.map((e) => e.by)]))];
  const requisitionIds = [...new Set(requests.map((r) => r.requisitionId))];
  const prospectIds = [...new Set(followUps.map((f) => f.prospectId))];
  const [members, requisitions, prospects] = await Promise.all([db.members.bulkGet(memberIds), db.requisitions.bulkGet(requisitionIds), resolvePeople(db, prospectIds)]);
  const byId = <T extends { id: string; deletedAt: number | null }, V>(rows: (T | undefined)[], value: (row: T) => V) =>
    new Map(rows.filter((r): r is T => r !== undefined && r.deletedAt === null).map((r) => [r.id, value(r)]));
  const memberNames = byId(members, (m) => m.name);
  const titles = byId(requisitions, (r) => r.title);
  // By the id the follow-up names: a merge may have made it an alias of the person shown.
  const people = new Map(prospectIds.flatMap((id, i) => (prospects[i] ? [[id, prospects[i].name] as const] : [])));
  return { member: (id) => memberNames.get(id), requisition: (id) => titles.get(id), prospect: (id) => people.get(id) };
}

/**
 * What clicking a notification opens: a request's review page, the review page for several, or
 * a follow-up's or privacy notice's person on their profile (else the popup's list of
 * follow-ups, or the dashboard's list of notices due).
 * An absolute URL for a profile; an extension path otherwise. Null: not ours.
 */
export async function clickTarget(db: TandemDB, notificationId: string): Promise<{ url: string } | { page: string } | null> {
  const target = parseNotificationId(notificationId);
  if (!target) return null;
  const personId = target.kind === 'followUp' ? (await db.followUps.get(target.followUpId))?.prospectId : target.kind === 'notice' ? target.prospectId : undefined;
  const prospect = personId && (await resolvePerson(db, personId));
  const url = prospect ? profileLink(prospect.profiles[0]) : undefined;
  if (url) return { url };
  return { page: pageFor(target) };
}
