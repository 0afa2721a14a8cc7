import type { Database, Queryable } from '@/server/db/database';

/** How often a process looks at the cluster's identity: cheap, but not worth a query per pull. */
const IDENTITY_CHECK_MS = 60_000;
const identityCheckedAt = new WeakMap<Database, number>();

/**
 * The Postgres cluster's system identifier and timeline: a dump restored into another cluster
 * has another identifier; a promoted standby or a point-in-time recovery starts a new timeline
 * (seen here after its first checkpoint). Null where the functions fail (stock Postgres lets
 * any role call them; a managed service may hide them).
 */
async function clusterIdentity(db: Queryable): Promise<{ systemIdentifier: string; timelineId: number } | null> {
  try {
    const [system] = await db.query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()');
    const [checkpoint] = await db.query<{ timeline: number }>('SELECT timeline_id AS timeline FROM pg_control_checkpoint()');
    if (!system?.id || checkpoint?.timeline == null) return null;
    return { systemIdentifier: system.id, timelineId: Number(checkpoint.timeline) };
  } catch {
    return null;
  }
}

/**
 * Rotates the epoch when the cluster is not the one the epoch row last saw, and records the
 * cluster the first time (no rotation then: nothing was restored). Several processes may run
 * this at once: the row's condition lets one of them rotate.
 */
export async function rotateEpochIfClusterChanged(db: Queryable): Promise<boolean> {
  const identity = await clusterIdentity(db);
  if (!identity) return false;
  const [seen] = await db.query<{ system_identifier: string | null; timeline_id: number | null }>('SELECT system_identifier, timeline_id FROM sync_epoch');
  if (!seen || (seen.system_identifier === identity.systemIdentifier && Number(seen.timeline_id) === identity.timelineId)) return false;
  const first = seen.system_identifier === null;
  // Compare-and-set on what was read, so of several processes noticing at once one rotates.
  const changed = await db.query(
    `UPDATE sync_epoch SET system_identifier = $1, timeline_id = $2${first ? '' : ', epoch = gen_random_uuid()::text, rotated_at = now()'}
      WHERE system_identifier IS NOT DISTINCT FROM $3 AND timeline_id IS NOT DISTINCT FROM $4 RETURNING epoch`,
    [identity.systemIdentifier, identity.timelineId, seen.system_identifier, seen.timeline_id],
  );
  return !first && changed.length > 0;
}

/** A new epoch: every device pulls again from zero (what an operator runs after a restore). */
export async function rotateEpoch(db: Queryable): Promise<string> {
  const [row] = await db.query<{ epoch: string }>('UPDATE sync_epoch SET epoch = gen_random_uuid()::text, rotated_at = now() RETURNING epoch');
  if (!row) throw new Error('the sync_epoch row is missing: run the server once so its migrations create it');
  return row.epoch;
}

/** The epoch sent with every pull, read from the database each time so every process agrees. */
export async function currentEpoch(db: Database, now = Date.now()): Promise<string> {
  if (now - (identityCheckedAt.get(db) ?? -Infinity) >= IDENTITY_CHECK_MS) {
    identityCheckedAt.set(db, now);
    await rotateEpochIfClusterChanged(db);
  }
  const [row] = await db.query<{ epoch: string }>('SELECT epoch FROM sync_epoch');
  if (!row) throw new Error('the sync_epoch row is missing');
  return row.epoch;
}
