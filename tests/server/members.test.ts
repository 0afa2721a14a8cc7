/**
 * Issue 8, points 9 and 10: members name themselves and set their time zone (`member.update`,
 * mirrored into the server's `members` table), an admin renames anyone, and an invited person
 * is a member from the invite on, so a requisition can name them before they sign in.
 */
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { invite, listMembers, memberProfile, rename, revoke, setRole } from '@/server/auth/team-admin';
import type { Member, RedeemResponse, Role } from '@/lib/model';
import { DATABASE_KINDS } from './support/databases';
import { type SignedIn, as, call, docsOf, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';

describe.each(DATABASE_KINDS)('members on %s', (kind) => {
  const server = serverFor(kind);

  /** A team of a recruiter, a sourcer and an admin, all signed in. */
  async function team() {
    const { team, members } = await teamWith(server.db, ['recruiter', 'sourcer', 'admin']);
    const [recruiter, sourcer, admin] = members.map((m) => ({ ...m, api: as(server.app, m) }));
    return { team, recruiter: recruiter!, sourcer: sourcer!, admin: admin! };
  }
  const address = (who: string) => `${who}@${ulid().toLowerCase()}.members.example`;
  const memberIn = async (who: { api: ReturnType<typeof as> }, id: string) => docsOf<Member>(await who.api.pullAll(), 'member').find((m) => m.id === id);
  const memberByEmail = async (who: { api: ReturnType<typeof as> }, email: string) => docsOf<Member>(await who.api.pullAll(), 'member').find((m) => m.email === email);
  const stored = async (id: string) => (await server.db.query<{ name: string; time_zone: string | null; role: Role }>('SELECT name, time_zone, role FROM members WHERE id = $1', [id]))[0];
  const requisition = (hiringManagerId: string, recruiterIds: string[] = []) => ({
    name: 'requisition.save',
    args: { id: ulid(), title: 'Staff Platform Engineer', hiringManagerId, recruiterIds, stages: ['Sourced', 'Screen'], at: 1 },
  });
  const redeemCall = async (code: string) => {
    const res = await call(server.app, 'POST', '/v1/auth/redeem', { body: { code, deviceName: 'Laptop' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as RedeemResponse;
  };

  describe('invited members (point 10)', () => {
    it('are members from the invite on: teammates see them as invited and can name them hiring manager and reviewer', async () => {
      const { team: t, recruiter } = await team();
      const hana = address('hana.manager');
      const { code } = await invite(server.db, t.id, hana, 'hiring_manager');
      const invited = await memberByEmail(recruiter, hana);
      expect(invited).toMatchObject({ name: 'Hana Manager', role: 'hiring_manager', status: 'invited', deletedAt: null });

      // A requisition and a review can name her before she has signed in.
      const role = requisition(invited!.id, [recruiter.member.id]);
      const personId = ulid();
      const res = await recruiter.api.push([
        role,
        { name: 'prospect.upsert', args: { id: personId, identity: identity(`p-${personId.toLowerCase()}`), at: 1 } },
        { name: 'review.request', args: { id: ulid(), requisitionId: role.args.id, reviewerId: invited!.id, prospectIds: [personId], activityIds: [ulid()], at: 2 } },
      ]);
      expect(res.rejected).toEqual([]);

      // Signing in binds the device to that member: the requisition and the review are hers.
      const signedIn = await redeemCall(code);
      expect(signedIn.member).toMatchObject({ id: invited!.id, status: 'active', role: 'hiring_manager' });
      expect(await memberIn(recruiter, invited!.id)).toMatchObject({ status: 'active' });
      const hers = as(server.app, { token: signedIn.token, member: signedIn.member, clientId: `client-${ulid()}` });
      const waiting = docsOf<{ reviewerId: string; status: string }>(await hers.pullAll(), 'review_request');
      expect(waiting).toEqual([expect.objectContaining({ reviewerId: invited!.id, status: 'open' })]);
    });

    it('keep the rules: an invited sourcer is not a hiring manager, an invited hiring manager is not a recruiter', async () => {
      const { team: t, recruiter } = await team();
      await invite(server.db, t.id, address('sid.sourcer'), 'sourcer');
      await invite(server.db, t.id, address('harriet.manager'), 'hiring_manager');
      const members = docsOf<Member>(await recruiter.api.pullAll(), 'member');
      const sid = members.find((m) => m.email.startsWith('sid.sourcer@'))!;
      const harriet = members.find((m) => m.email.startsWith('harriet.manager@'))!;
      const res = await recruiter.api.push([requisition(sid.id), requisition(harriet.id, [harriet.id])]);
      expect(res.rejected.map((r) => r.reason)).toEqual([
        'the hiring manager is a member with the role hiring manager or admin',
        'recruiters on a requisition are members with the role recruiter or admin',
      ]);
    });

    it('an invite for someone already signed in changes nothing until it is redeemed; an invite corrects an invited member’s role', async () => {
      const { team: t, recruiter, sourcer } = await team();
      const before = await memberIn(recruiter, sourcer.member.id);
      await invite(server.db, t.id, sourcer.member.email, 'admin');
      expect(await memberIn(recruiter, sourcer.member.id)).toEqual(before);

      const kim = address('kim');
      await invite(server.db, t.id, kim, 'sourcer');
      await invite(server.db, t.id, kim, 'recruiter');
      expect(await memberByEmail(recruiter, kim)).toMatchObject({ role: 'recruiter', status: 'invited' });
    });

    it('revoked, they stay named on what they did but cannot be picked; invited again, they can', async () => {
      const { team: t, recruiter, admin } = await team();
      const lee = address('lee.lead');
      const signedIn = await redeemCall((await invite(server.db, t.id, lee, 'hiring_manager')).code);
      expect(await revoke(server.db, t.id, lee)).toEqual({ members: 1, devices: 1, invites: 0 });
      expect(await memberIn(recruiter, signedIn.member.id)).toMatchObject({ name: 'Lee Lead', status: 'revoked' });
      const refused = await recruiter.api.push([requisition(signedIn.member.id)]);
      expect(refused.rejected.map((r) => r.reason)).toEqual(['Lee Lead is no longer in the team']);

      // Invited again: picked again, while the old device stays signed out.
      await invite(server.db, t.id, lee, 'hiring_manager');
      expect(await memberIn(admin, signedIn.member.id)).toMatchObject({ status: 'invited' });
      expect((await recruiter.api.push([requisition(signedIn.member.id)])).rejected).toEqual([]);
      expect((await call(server.app, 'GET', '/v1/me', { token: signedIn.token })).status).toBe(401);
      expect((await listMembers(server.db, t.id)).members.find((m) => m.email === lee)).toMatchObject({ status: 'invited', devices: 0 });
    });

    it('an invite that is only a member is revoked with its code', async () => {
      const { team: t, recruiter } = await team();
      const gone = address('gone');
      const { code } = await invite(server.db, t.id, gone, 'recruiter');
      expect(await revoke(server.db, t.id, gone)).toEqual({ members: 1, devices: 0, invites: 1 });
      expect(await memberByEmail(recruiter, gone)).toMatchObject({ status: 'revoked' });
      expect((await call(server.app, 'POST', '/v1/auth/redeem', { body: { code } })).status).toBe(401);
    });
  });

  it('redeeming and revoking the same person at the same moment never deadlock: one of them wins', async () => {
    const { team: t } = await team();
    const people = Array.from({ length: 6 }, (_, i) => address(`race${i}`));
    const codes = await Promise.all(people.map(async (p) => (await invite(server.db, t.id, p, 'sourcer')).code));
    const outcomes = await Promise.all(
      people.flatMap((p, i) => [
        call(server.app, 'POST', '/v1/auth/redeem', { body: { code: codes[i] } }).then((r) => (r.status === 200 ? 'redeemed' : JSON.stringify(r.body))),
        revoke(server.db, t.id, p).then(
          () => 'revoked',
          (e: unknown) => String(e),
        ),
      ]),
    );
    // A redeem that comes second is refused because the code was revoked; nothing else fails.
    expect(outcomes.filter((o) => o !== 'redeemed' && o !== 'revoked' && !o.includes('that invite code was revoked'))).toEqual([]);
    for (const p of people) expect((await listMembers(server.db, t.id)).members.find((m) => m.email === p)?.status).toBe('revoked');
  });

  describe('names and time zones (point 9)', () => {
    const update = (args: object) => ({ name: 'member.update', args });

    it('a member sets their own name and time zone; the server’s members table and every later record of them agree', async () => {
      const { team: t, recruiter, sourcer } = await team();
      const res = await sourcer.api.push([update({ memberId: sourcer.member.id, name: 'Samira Quist', timeZone: 'Europe/Stockholm' })]);
      expect(res.rejected).toEqual([]);
      expect(await memberIn(recruiter, sourcer.member.id)).toMatchObject({ name: 'Samira Quist', timeZone: 'Europe/Stockholm', role: 'sourcer' });
      expect(await stored(sourcer.member.id)).toEqual({ name: 'Samira Quist', time_zone: 'Europe/Stockholm', role: 'sourcer' });
      expect((await listMembers(server.db, t.id)).members.find((m) => m.email === sourcer.member.email)?.name).toBe('Samira Quist');
      expect((await memberProfile(server.db, sourcer.member.id)).member).toMatchObject({ name: 'Samira Quist', timeZone: 'Europe/Stockholm' });

      // An admin's role change republishes the member from the table: the name and zone stay.
      const promoted = await setRole(server.db, t.id, sourcer.member.email, 'recruiter');
      expect(promoted).toMatchObject({ name: 'Samira Quist', timeZone: 'Europe/Stockholm', role: 'recruiter' });
      expect(await memberIn(recruiter, sourcer.member.id)).toMatchObject({ name: 'Samira Quist', timeZone: 'Europe/Stockholm', role: 'recruiter' });

      // Back to the device's own zone.
      expect((await sourcer.api.push([update({ memberId: sourcer.member.id, timeZone: null })])).rejected).toEqual([]);
      expect(await stored(sourcer.member.id)).toMatchObject({ time_zone: null });
    });

    it('only an admin renames someone else; nobody sets another member’s time zone or anyone’s role this way', async () => {
      const { recruiter, sourcer, admin } = await team();
      const reasons = async (who: SignedIn & { api: ReturnType<typeof as> }, args: object) => (await who.api.push([update(args)])).rejected.map((r) => r.reason);
      expect(await reasons(recruiter, { memberId: sourcer.member.id, name: 'Sneaky' })).toEqual(['members change their own name; an admin can rename anyone']);
      expect(await reasons(admin, { memberId: sourcer.member.id, timeZone: 'Asia/Tokyo' })).toEqual(['only the member sets their own time zone']);
      expect(await reasons(sourcer, { memberId: sourcer.member.id, role: 'admin' })).toEqual([expect.stringMatching(/only a name, time zone, working days, quiet hours and check-in mail can be changed here, not role/)]);
      // Reminder rules: the member's own, checked against the same pieces as the extension's settings.
      expect(await reasons(admin, { memberId: sourcer.member.id, workingDays: [6, 7] })).toEqual(['only the member sets their own reminders']);
      expect(await reasons(sourcer, { memberId: sourcer.member.id, workingDays: [] })).toEqual([expect.stringMatching(/choose at least one working day/)]);
      expect(await reasons(sourcer, { memberId: sourcer.member.id, workingDays: [0, 8] })).toEqual([expect.stringMatching(/workingDays/)]);
      expect(await reasons(sourcer, { memberId: sourcer.member.id, quietHours: { start: '25:00', end: '08:00' } })).toEqual([expect.stringMatching(/must be a time such as 08:00/)]);
      expect(await reasons(sourcer, { memberId: sourcer.member.id, checkInMail: { weekday: 1, time: '9am' } })).toEqual([expect.stringMatching(/must be a time such as 08:00/)]);
      expect(await reasons(sourcer, { memberId: sourcer.member.id, name: '   ' })).toEqual([expect.stringMatching(/name is required/)]);
      expect(await reasons(sourcer, { memberId: sourcer.member.id, timeZone: 'Mars/Olympus_Mons' })).toEqual([expect.stringMatching(/known time zone/)]);
      expect(await reasons(sourcer, { memberId: ulid(), name: 'Nobody' })).toEqual(['no such member in the team']);
      expect(await stored(sourcer.member.id)).toMatchObject({ role: 'sourcer', time_zone: null });
      expect(await server.db.query('SELECT working_days, quiet_start, check_in_time FROM members WHERE id = $1', [sourcer.member.id])).toEqual([{ working_days: null, quiet_start: null, check_in_time: null }]);

      expect(await reasons(admin, { memberId: sourcer.member.id, name: 'Sam Sourcer-Smith' })).toEqual([]);
      expect(await stored(sourcer.member.id)).toMatchObject({ name: 'Sam Sourcer-Smith', role: 'sourcer' });
    });

    it('the admin renames anyone (the CLI’s rename), publishing the new name', async () => {
      const { team: t, recruiter, sourcer } = await team();
      const renamed = await rename(server.db, t.name, sourcer.member.email, '  Samantha Sourcer ');
      expect(renamed).toMatchObject({ id: sourcer.member.id, name: 'Samantha Sourcer', role: 'sourcer' });
      expect(await memberIn(recruiter, sourcer.member.id)).toMatchObject({ name: 'Samantha Sourcer', version: renamed.version });
      await expect(rename(server.db, t.id, sourcer.member.email, '')).rejects.toThrow(/the name cannot be empty/);
      await expect(rename(server.db, t.id, sourcer.member.email, 'x'.repeat(121))).rejects.toThrow(/the name is too long/);
      await expect(rename(server.db, t.id, address('stranger'), 'Who')).rejects.toThrow(/is not a member of/);
    });

    it('admin commands and members’ own changes at the same moment never deadlock, and end in agreement', async () => {
      const { team: t, sourcer, admin } = await team();
      const results = await Promise.allSettled([
        ...Array.from({ length: 6 }, (_, i) => sourcer.api.push([update({ memberId: sourcer.member.id, name: `Sam ${i}` })])),
        ...Array.from({ length: 3 }, (_, i) => setRole(server.db, t.id, sourcer.member.email, i % 2 ? 'recruiter' : 'sourcer')),
        ...Array.from({ length: 3 }, (_, i) => rename(server.db, t.id, sourcer.member.email, `Admin's ${i}`)),
        invite(server.db, t.id, sourcer.member.email, 'recruiter'),
      ]);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const row = await stored(sourcer.member.id);
      expect(await memberIn(admin, sourcer.member.id)).toMatchObject({ name: row!.name, role: row!.role });
    });
  });
});
