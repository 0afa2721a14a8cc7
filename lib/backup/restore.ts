import type { TandemDB } from '@/lib/db/database';
import { writeSettings } from '@/lib/db/local-state';
import { mutate, mutateAll } from '@/lib/db/mutate';
import type { SyncedTable, UnsentChanges } from '@/lib/model';
import { IdInUse, MUTATIONS, type Mutation, MutationRefused, backupRestore } from '@/lib/mutations';
import type { Draft, MutationStore } from '@/lib/mutations/store';
import type { RestorePlan, Skipped } from './restore-plan';

export interface RestoreOutcome {
  /** Records re-created (and queued for the team when signed in). */
  restored: number;
  settings: boolean;
  /** The file's unsent changes: how many were queued again, and those that were not, by reason. */
  resent: { sent: number; skipped: Skipped[] } | null;
}

/** The version of a row as the team's server has it, as far as this device knows (null: it has none). */
async function serverVersion(db: TandemDB, table: SyncedTable, id: string): Promise<number | null> {
  const shadow = await db.shadows.get([table, id]);
  const row: unknown = shadow ? shadow.original : await db.table(table).get(id);
  return (row as { version?: number } | null | undefined)?.version ?? null;
}

const STALE = 'what it changes was changed on the team after the file was made';

/**
 * A mutation store that lets a change write a row only if the team's row is still as it was when
 * the change was made (the file's basis; a row not in it must still not exist): an old change
 * sent again never overwrites newer work.
 */
function unchangedSince(db: TandemDB, store: MutationStore, basis: ReadonlyMap<string, number | null>, mutation: string): MutationStore {
  return {
    get: (table, id) => store.get(table, id),
    findProspectByKey: (key) => store.findProspectByKey(key),
    hasViewedOnDay: (prospectId, memberId, at) => store.hasViewedOnDay(prospectId, memberId, at),
    decisionsFor: (requestId) => store.decisionsFor(requestId),
    openRequestsTo: (requisitionId, reviewerId) => store.openRequestsTo(requisitionId, reviewerId),
    aliasesOf: (prospectIds) => store.aliasesOf(prospectIds),
    erasePeople: (prospectIds) => store.erasePeople(prospectIds),
    suppressionHashes: (identifiers) => store.suppressionHashes(identifiers),
    async put<T extends SyncedTable>(table: T, row: Draft<T>) {
      const then = basis.get(`${table}:${row.id}`) ?? null;
      if ((await serverVersion(db, table, row.id)) !== then) throw new MutationRefused(mutation, STALE);
      await store.put(table, row);
    },
  };
}

/**
 * Queues a member's unsent changes from a file again, in the order they were made, as the
 * signed-in member (the plan checked it is the same one). Each is judged on its own: one whose
 * rows changed since, or that the rules now refuse, is left out with its reason.
 */
async function resendUnsent(db: TandemDB, unsent: UnsentChanges): Promise<NonNullable<RestoreOutcome['resent']>> {
  const basis = new Map(unsent.basis.map((b) => [`${b.table}:${b.id}`, b.version]));
  const skipped = new Map<string, number>();
  let sent = 0;
  for (const change of unsent.changes) {
    const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
    const mutation = MUTATIONS.get(change.name);
    if (!mutation) {
      skip('unknown to this version of Tandem');
      continue;
    }
    const guarded: Mutation = { ...mutation, apply: (store, args, ctx) => mutation.apply(unchangedSince(db, store, basis, mutation.name), args, ctx) };
    try {
      if ((await mutate(db, guarded, change.args)).mutationId !== null) sent++;
    } catch (e) {
      if (!(e instanceof MutationRefused)) throw e;
      // A new record that exists already: the change reached the team before the file was used.
      skip(e instanceof IdInUse ? 'already with the team' : e.reason);
    }
  }
  return { sent, skipped: [...skipped].map(([reason, count]) => ({ reason, count })) };
}

/**
 * Does what the plan said: re-creates the missing records through `backup.restore` (all or
 * none, in one transaction; whatever the device has by then is left as it is), restores the
 * file's settings if the member asked, and sends the member's unsent changes again.
 */
export async function applyRestore(db: TandemDB, plan: RestorePlan, { settings }: { settings: boolean }): Promise<RestoreOutcome> {
  const outcome: RestoreOutcome = { restored: 0, settings: false, resent: null };
  if (plan.restore.length > 0) outcome.restored = (await mutateAll(db, backupRestore, plan.restore)).filter((r) => r.mutationId !== null).length;
  if (settings && plan.settings) {
    await writeSettings(db, plan.settings);
    outcome.settings = true;
  }
  if (plan.resend) outcome.resent = await resendUnsent(db, plan.resend);
  return outcome;
}
