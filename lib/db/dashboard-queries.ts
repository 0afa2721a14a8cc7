import { startingWith } from './key-ranges';
import { isStageMove, type StageMove } from '@/lib/metrics';
import type { TandemDB } from './database';

/**
 * The stage moves the numbers are computed from: one requisition's, or every requisition's.
 * Erased moves stay in (lib/metrics leaves them out) so every view filters the same way.
 */
export async function stageMoves(db: TandemDB, requisitionId: string | null = null): Promise<StageMove[]> {
  const index = db.activities.where('[kind+requisitionId]');
  const rows = requisitionId === null ? await startingWith(index, 'stage_changed').toArray() : await index.equals(['stage_changed', requisitionId]).toArray();
  return rows.filter(isStageMove);
}
