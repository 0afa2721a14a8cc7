import { z } from 'zod';
import { Email, Me, Role } from '@/lib/model';
import { MutationRefused } from '@/lib/mutations';
import type { TandemDB } from './database';
import { LOCAL_KEYS, ensureMe } from './local-state';
import { allowSyncedWrites } from './synced-write-guard';

export const ProfileInput = z.object({
  name: z.string().trim().min(1, 'your name is required').max(120),
  email: Email.or(z.literal('')),
  role: Role,
});

/**
 * Who I am on this device, until team sign-in makes the server the owner of members. Local
 * only (not queued): the member row is written so the feed can name the author.
 */
export async function saveProfile(db: TandemDB, input: z.input<typeof ProfileInput>): Promise<Me> {
  const parsed = ProfileInput.safeParse(input);
  if (!parsed.success) throw new MutationRefused('profile.save', z.prettifyError(parsed.error));
  const current = await ensureMe(db);
  const me = Me.parse({ ...current, ...parsed.data });
  await db.transaction('rw', db.local, db.members, async () => {
    allowSyncedWrites('account');
    await db.local.put({ key: LOCAL_KEYS.me, value: me });
    const row = await db.members.get(me.memberId);
    await db.members.put({
      id: me.memberId,
      teamId: me.teamId,
      version: row?.version ?? 0,
      deletedAt: null,
      name: me.name,
      email: me.email || `${me.memberId.toLowerCase()}@device.local`,
      role: me.role,
    });
  });
  return me;
}
