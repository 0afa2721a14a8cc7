import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { Me, type ProspectIdentity, suppressionHash, suppressionIdentifiers } from '@/lib/model';

export interface PageSuppression {
  /** When the person asked to be forgotten (the earliest live entry). */
  since: number;
  /** The live entries that name the page's person (what lifting it lifts). */
  entryIds: string[];
}

/**
 * Whether the person on the page asked the team to forget them, by any of the page's profile
 * keys and emails: their keyed hashes under the team's secret, looked up in the `*hashes` index,
 * so the check reads the matching entries only (bench/suppression-check.ts). Written with Dexie
 * calls only and no nested async function, so a live query observes every read.
 */
export async function suppressedPage(db: TandemDB, identity: ProspectIdentity): Promise<PageSuppression | null> {
  const [meRow, secretRow] = await db.local.bulkGet([LOCAL_KEYS.me, LOCAL_KEYS.suppressionSecret]);
  const me = Me.safeParse(meRow?.value);
  const stored = secretRow?.value as { teamId?: unknown; secret?: unknown } | undefined;
  if (!me.success || stored?.teamId !== me.data.teamId || typeof stored.secret !== 'string') return null;
  const secret = stored.secret;
  const hashes = suppressionIdentifiers(identity).map((i) => suppressionHash(secret, i));
  // One exact lookup per hash: `anyOf` walks a cursor with jumps, which cost 50 ms at 40,000 keys on fake-indexeddb.
  const found = await Promise.all(hashes.map((h) => db.suppressions.where('hashes').equals(h).toArray()));
  const entries = [...new Map(found.flat().map((e) => [e.id, e])).values()].filter((e) => e.deletedAt === null);
  if (entries.length === 0) return null;
  return { since: Math.min(...entries.map((e) => e.at)), entryIds: entries.map((e) => e.id) };
}
