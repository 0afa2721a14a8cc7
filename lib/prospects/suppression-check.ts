import type { TandemDB } from '@/lib/db/database';
import { readMe, readSuppressionSecret } from '@/lib/db/local-state';
import { type ProspectIdentity, suppressedSince, suppressionIndex } from '@/lib/model';

/** The signed-in team's suppression list and its secret, as the check needs them (null: nothing to check against). */
export async function suppressionList(db: TandemDB): Promise<{ secret: string; index: Map<string, number> } | null> {
  // The table is read first: a live query observes what it reads before its first nested await.
  const [entries, me] = await Promise.all([db.suppressions.toArray(), readMe(db)]);
  const secret = me && (await readSuppressionSecret(db, me.teamId));
  if (!secret) return null;
  return { secret, index: suppressionIndex(entries) };
}

/** When the person on the page asked the team to forget them, or null: then the sidebar records and offers nothing. */
export async function suppressedPage(db: TandemDB, identity: ProspectIdentity): Promise<number | null> {
  const list = await suppressionList(db);
  return list && suppressedSince(identity, list.secret, list.index);
}
