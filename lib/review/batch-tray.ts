import { z } from 'zod';
import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS, readValidated } from '@/lib/db/local-state';
import { Id, MAX_REVIEW_BATCH } from '@/lib/model';

/**
 * The batch being gathered for review, across pages. It lives on this device only (the
 * `local` table, not synced) until it is sent, when it becomes a review request.
 */
export const BatchTray = z.object({
  requisitionId: Id.nullable(),
  prospectIds: z.array(Id).max(MAX_REVIEW_BATCH),
});
export type BatchTray = z.infer<typeof BatchTray>;

export const EMPTY_TRAY: BatchTray = { requisitionId: null, prospectIds: [] };

export async function readTray(db: TandemDB): Promise<BatchTray> {
  return (await readValidated(db, LOCAL_KEYS.batchTray, BatchTray)) ?? EMPTY_TRAY;
}

async function update(db: TandemDB, change: (tray: BatchTray) => BatchTray): Promise<BatchTray> {
  return db.transaction('rw', db.local, async () => {
    const next = BatchTray.parse(change(await readTray(db)));
    await db.local.put({ key: LOCAL_KEYS.batchTray, value: next });
    return next;
  });
}

/** Adds a person (once) for a requisition; choosing another requisition keeps the people gathered. */
export function addToTray(db: TandemDB, requisitionId: string, prospectId: string) {
  return update(db, (t) => {
    if (!t.prospectIds.includes(prospectId) && t.prospectIds.length >= MAX_REVIEW_BATCH) {
      throw new Error(`a review batch holds at most ${MAX_REVIEW_BATCH} people`);
    }
    return { requisitionId, prospectIds: t.prospectIds.includes(prospectId) ? t.prospectIds : [...t.prospectIds, prospectId] };
  });
}

export function removeFromTray(db: TandemDB, prospectId: string) {
  return update(db, (t) => ({ ...t, prospectIds: t.prospectIds.filter((id) => id !== prospectId) }));
}

/** Moves a person up (-1) or down (+1) in the batch: the reviewer sees them in this order. */
export function moveInTray(db: TandemDB, prospectId: string, delta: -1 | 1) {
  return update(db, (t) => {
    const ids = [...t.prospectIds];
    const from = ids.indexOf(prospectId);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= ids.length) return t;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    return { ...t, prospectIds: ids };
  });
}

export function setTrayRequisition(db: TandemDB, requisitionId: string | null) {
  return update(db, (t) => ({ ...t, requisitionId }));
}

export function clearTray(db: TandemDB) {
  return update(db, () => EMPTY_TRAY);
}

/** Puts a batch back as it was (after its review request is withdrawn, or a clear undone). */
export function restoreTray(db: TandemDB, tray: BatchTray) {
  return update(db, () => tray);
}
