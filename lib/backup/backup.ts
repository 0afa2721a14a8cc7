import { z } from 'zod';
import { type TandemDB, fromProspectRow, toProspectRow } from '@/lib/db/database';
import { Activity, Member, Note, PipelineEntry, Prospect, Requisition, ReviewDecision, ReviewRequest } from '@/lib/model';

/** The tables a backup carries: the team's records. Device state (outbox, settings) stays. */
export const BackupTables = z.object({
  prospects: z.array(Prospect),
  activities: z.array(Activity),
  notes: z.array(Note),
  members: z.array(Member),
  requisitions: z.array(Requisition),
  reviewRequests: z.array(ReviewRequest),
  reviewDecisions: z.array(ReviewDecision),
  pipeline: z.array(PipelineEntry),
});
export type BackupTables = z.infer<typeof BackupTables>;

export const Backup = z.object({
  format: z.literal('tandem-backup'),
  formatVersion: z.literal(1),
  exportedAt: z.number().int(),
  tables: BackupTables,
});
export type Backup = z.infer<typeof Backup>;

export async function exportBackup(db: TandemDB, now = Date.now()): Promise<Backup> {
  return db.transaction('r', [db.prospects, db.activities, db.notes, db.members, db.requisitions, db.reviewRequests, db.reviewDecisions, db.pipeline], async () => ({
    format: 'tandem-backup' as const,
    formatVersion: 1 as const,
    exportedAt: now,
    tables: {
      prospects: (await db.prospects.toArray()).map(fromProspectRow),
      activities: await db.activities.toArray(),
      notes: await db.notes.toArray(),
      members: await db.members.toArray(),
      requisitions: await db.requisitions.toArray(),
      reviewRequests: await db.reviewRequests.toArray(),
      reviewDecisions: await db.reviewDecisions.toArray(),
      pipeline: await db.pipeline.toArray(),
    },
  }));
}

export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; error: string };

/** Reads a backup file's text; any problem is reported with where it is, and nothing is written. */
export function parseBackup(text: string): ParsedBackup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `The file is not JSON (${e instanceof Error ? e.message : 'parse error'}).` };
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== 'tandem-backup') {
    return { ok: false, error: 'The file is not a Tandem export.' };
  }
  const parsed = Backup.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    return { ok: false, error: `The file is not a valid Tandem export${where}: ${issue?.message ?? 'invalid'}${more}.` };
  }
  return { ok: true, backup: parsed.data };
}

/** Writes every row of the backup in one transaction: all of it lands, or none. Same ids are replaced. */
export async function importBackup(db: TandemDB, backup: Backup): Promise<Record<keyof BackupTables, number>> {
  const t = backup.tables;
  await db.transaction('rw', [db.prospects, db.activities, db.notes, db.members, db.requisitions, db.reviewRequests, db.reviewDecisions, db.pipeline], async () => {
    await db.prospects.bulkPut(t.prospects.map(toProspectRow));
    await db.activities.bulkPut(t.activities);
    await db.notes.bulkPut(t.notes);
    await db.members.bulkPut(t.members);
    await db.requisitions.bulkPut(t.requisitions);
    await db.reviewRequests.bulkPut(t.reviewRequests);
    await db.reviewDecisions.bulkPut(t.reviewDecisions);
    await db.pipeline.bulkPut(t.pipeline);
  });
  return {
    prospects: t.prospects.length,
    activities: t.activities.length,
    notes: t.notes.length,
    members: t.members.length,
    requisitions: t.requisitions.length,
    reviewRequests: t.reviewRequests.length,
    reviewDecisions: t.reviewDecisions.length,
    pipeline: t.pipeline.length,
  };
}
