import { z } from 'zod';
import { Email, Me, MemberName, Role, TimeZoneName } from '@/lib/model';
import { MutationRefused, memberUpdate } from '@/lib/mutations';
import type { TandemDB } from './database';
import { LOCAL_KEYS, ensureMe, readMe } from './local-state';
import { mutate } from './mutate';
import { forgetDeviceTimeZone } from './my-time-zone';
import { allowSyncedWrites } from './synced-write-guard';

export const ProfileInput = z.object({
  name: z.string().trim().min(1, 'your name is required').max(120),
  email: Email.or(z.literal('')),
  role: Role,
  timeZone: TimeZoneName.nullable().default(null),
});

/**
 * Who I am on this device before it joins a team (the team's server owns members after that).
 * Local only (not queued): the member row is written so the feed can name the author.
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
      status: 'active',
      timeZone: parsed.data.timeZone,
    });
  });
  await forgetDeviceTimeZone(db);
  return me;
}

export const TeamProfileInput = z.object({ name: MemberName, timeZone: TimeZoneName.nullable() });

/**
 * A team member's own name and time zone: `member.update`, so the team sees them at the next
 * sync (the server keeps its members table in step). Who they are on this device follows at once.
 */
export async function saveTeamProfile(db: TandemDB, input: z.input<typeof TeamProfileInput>): Promise<void> {
  const parsed = TeamProfileInput.safeParse(input);
  if (!parsed.success) throw new MutationRefused('member.update', z.prettifyError(parsed.error));
  const me = await readMe(db);
  if (!me) throw new MutationRefused('member.update', 'this device has no member yet');
  await mutate(db, memberUpdate, { memberId: me.memberId, ...parsed.data });
  await db.local.put({ key: LOCAL_KEYS.me, value: { ...me, name: parsed.data.name } });
  await forgetDeviceTimeZone(db);
}
