import { afterEach, describe, expect, it } from 'vitest';
import { mutate } from '@/lib/db/mutate';
import { DEFAULT_PRIVACY, PrivacyChoices, TEAM_PRIVACY_ID, privacyChoices } from '@/lib/model';
import { MutationRefused, teamPrivacySet } from '@/lib/mutations';
import { freshDb, member, wipe } from '../../support/db';

const db = freshDb();
afterEach(() => wipe(db));

const choices = { noticeDays: 21, noticeAtDeadline: 'erase', retentionMonths: 24, suppressOnDoNotContact: true } as const;

describe('team.privacy.set', () => {
  it('starts from the defaults: a notice due within 30 days, reminders again, no retention', async () => {
    expect(privacyChoices(await db.teamPrivacy.get(TEAM_PRIVACY_ID))).toEqual({ noticeDays: 30, noticeAtDeadline: 'remind', retentionMonths: null, suppressOnDoNotContact: false });
  });

  it('lets an admin set the one row, and setting the same again changes nothing', async () => {
    const admin = member('admin', 'Ada Admin');
    const first = await mutate(db, teamPrivacySet, { ...choices, at: 10 }, admin);
    expect(first.result).toBe(TEAM_PRIVACY_ID);
    const row = await db.teamPrivacy.get(TEAM_PRIVACY_ID);
    expect(privacyChoices(row)).toEqual(choices);
    expect(row).toMatchObject({ updatedBy: admin.actor.memberId, updatedAt: 10 });
    const again = await mutate(db, teamPrivacySet, { ...choices, at: 11 }, admin);
    expect(again.mutationId).toBeNull();
    expect(await db.teamPrivacy.count()).toBe(1);
  });

  it.each(['recruiter', 'sourcer', 'hiring_manager'] as const)('refuses a %s', async (role) => {
    await expect(mutate(db, teamPrivacySet, { ...choices, at: 10 }, member(role))).rejects.toThrow(MutationRefused);
    expect(await db.teamPrivacy.count()).toBe(0);
  });

  it('refuses a notice later than a month and retention of less than a month, saying why', () => {
    expect(PrivacyChoices.safeParse({ ...DEFAULT_PRIVACY, noticeDays: 45 }).error?.issues[0]?.message).toBe('the GDPR allows a month at most');
    expect(PrivacyChoices.safeParse({ ...DEFAULT_PRIVACY, retentionMonths: 0 }).error?.issues[0]?.message).toBe('at least one month');
  });
});
