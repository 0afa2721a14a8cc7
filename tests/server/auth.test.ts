import { ulid } from 'ulidx';
import { beforeAll, describe, expect, it } from 'vitest';
import { listDevices, revokeDevice } from '@/server/auth/devices';
import { createTeam, invite, listMembers, revoke, setRole, type TeamRow } from '@/server/auth/team-admin';
import { hashSecret } from '@/server/auth/secrets';
import type { Member, PullResponse, PushResponse, RedeemResponse } from '@/lib/model';
import { DATABASE_KINDS } from './support/databases';
import { type Call, type SignedIn, as, call, identity } from './support/server';
import { serverFor } from './support/suite';

/** expect.stringMatching, typed for use inside object literals. */
const matching = (re: RegExp): unknown => expect.stringMatching(re);

function expectError(res: Call, status: number, about: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toEqual({ error: matching(about) });
}

const membersIn = (rows: PullResponse['rows']) => rows.filter((r) => r.kind === 'member' && r.doc).map((r) => ({ ...(r.doc as Member), rowVersion: r.version }));

describe.each(DATABASE_KINDS)('teams and auth on %s', (kind) => {
  const server = serverFor(kind);
  let team: TeamRow;
  beforeAll(async () => {
    team = await createTeam(server.db, `Acme ${ulid()}`);
  });

  const email = (who: string) => `${who}@${ulid().toLowerCase()}.acme.example`;
  const redeemCall = (code: string, deviceName = 'Laptop') => call(server.app, 'POST', '/v1/auth/redeem', { body: { code, deviceName } });
  async function signIn(address: string, role: Parameters<typeof invite>[3] = 'sourcer', deviceName = 'Laptop'): Promise<SignedIn & { code: string }> {
    const { code } = await invite(server.db, team.id, address, role);
    const res = await redeemCall(code, deviceName);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { token, member } = res.body as RedeemResponse;
    return { token, member, clientId: `client-${ulid()}`, code };
  }
  const expectSignedOut = async (token: string, about: RegExp) => {
    expectError(await call(server.app, 'GET', '/v1/me', { token }), 401, about);
    expectError(await call(server.app, 'GET', `/v1/pull?clientId=client-${ulid()}`, { token }), 401, about);
    expectError(await call(server.app, 'POST', '/v1/push', { token, body: { clientId: `client-${ulid()}`, mutations: [] } }), 401, about);
  };

  describe('redeem', () => {
    it('trades a valid code for a token and a member that syncs to the team', async () => {
      const address = email('sam.sourcer');
      const { code } = await invite(server.db, team.name, address, 'sourcer');
      expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
      const res = await redeemCall(code, 'Sam’s laptop');
      expect(res.status).toBe(200);
      const body = res.body as RedeemResponse;
      expect(body.token).toMatch(/^tdm_[A-Za-z0-9_-]{43}$/);
      expect(body.team).toEqual({ id: team.id, name: team.name });
      expect(body.member).toMatchObject({ teamId: team.id, email: address, role: 'sourcer', name: 'Sam Sourcer', deletedAt: null });
      expect(body.member.version).toBeGreaterThan(0);
      const rows = await as(server.app, { token: body.token, member: body.member, clientId: `client-${ulid()}` }).pullAll();
      expect(membersIn(rows).find((m) => m.id === body.member.id)).toMatchObject({ email: address, name: 'Sam Sourcer', role: 'sourcer', rowVersion: body.member.version });
    });

    it.each([
      ['in lower case', (code: string) => code.toLowerCase()],
      ['without dashes', (code: string) => code.replaceAll('-', '')],
      ['with spaces instead of dashes and around it', (code: string) => `  ${code.replaceAll('-', ' ')} `],
    ])('takes a code typed %s', async (_how, typed) => {
      const { code } = await invite(server.db, team.id, email('typed'), 'recruiter');
      const res = await redeemCall(typed(code));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect((res.body as RedeemResponse).member.role).toBe('recruiter');
    });

    it('refuses a used code with 401 and says it was used', async () => {
      const { code } = await signIn(email('once'));
      expectError(await redeemCall(code), 401, /already used/);
      expectError(await redeemCall(code.toLowerCase()), 401, /already used/);
    });

    it('lets exactly one of two concurrent redeems of one code through', async () => {
      const { code } = await invite(server.db, team.id, email('race'), 'sourcer');
      const results = await Promise.all([redeemCall(code, 'A'), redeemCall(code, 'B'), redeemCall(code, 'C')]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
      const [device] = await server.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM devices d JOIN members m ON m.id = d.member_id WHERE m.team_id = $1 AND m.email LIKE $2',
        [team.id, 'race@%'],
      );
      expect(Number(device!.n)).toBe(1);
    });

    it('takes invites for one email redeemed at the same moment as one member with a device each', async () => {
      const addresses = Array.from({ length: 8 }, () => email('twice'));
      const codes: string[] = [];
      for (const address of addresses) for (const role of ['sourcer', 'recruiter'] as const) codes.push((await invite(server.db, team.id, address, role)).code);
      const results = await Promise.all(codes.map((code, i) => redeemCall(code, `device ${i}`)));
      expect(results.filter((r) => r.status !== 200)).toEqual([]);
      const rows = await server.db.query<{ email: string; members: number; devices: number }>(
        `SELECT m.email, count(DISTINCT m.id)::int AS members, count(d.token_hash)::int AS devices
           FROM members m JOIN devices d ON d.member_id = m.id WHERE m.team_id = $1 AND m.email = ANY($2) GROUP BY m.email`,
        [team.id, addresses],
      );
      expect(rows.map((r) => [r.email, Number(r.members), Number(r.devices)]).sort()).toEqual(addresses.map((a) => [a, 1, 2]).sort());
    });

    it('refuses a code whose email was revoked before it was redeemed', async () => {
      const address = email('gone');
      const { code } = await invite(server.db, team.id, address, 'sourcer');
      // The invite made them a member (invited); revoking ends that too.
      expect(await revoke(server.db, team.id, address)).toEqual({ members: 1, devices: 0, invites: 1 });
      expectError(await redeemCall(code), 401, /revoked; ask your admin for a new one/);
    });

    it('refuses an unknown code with a message', async () => {
      expectError(await redeemCall('ABCD-EFGH-JKMN-PQRS'), 401, /not valid: check it for typos, or ask your admin for a new one/);
    });
  });

  describe('tokens', () => {
    it("refuses a revoked member's existing token on push, pull and me", async () => {
      const address = email('leaver');
      const leaver = await signIn(address);
      expect((await call(server.app, 'GET', '/v1/me', { token: leaver.token })).status).toBe(200);
      expect(await revoke(server.db, team.id, address)).toEqual({ members: 1, devices: 1, invites: 0 });
      await expectSignedOut(leaver.token, /revoked/);
    });

    it('takes a revoked member back with a new invite', async () => {
      const address = email('returner');
      const first = await signIn(address);
      await revoke(server.db, team.id, address);
      const again = await signIn(address, 'recruiter');
      expect(again.member.id).toBe(first.member.id);
      expect((await call(server.app, 'GET', '/v1/me', { token: again.token })).body).toMatchObject({ member: { role: 'recruiter' } });
      // The old device stays signed out.
      await expectSignedOut(first.token, /revoked/);
    });

    it("signs out only the device whose token it is; the member's other device still works", async () => {
      const address = email('two.devices');
      const laptop = await signIn(address, 'sourcer', 'Laptop');
      const desktop = await signIn(address, 'sourcer', 'Desktop');
      expect(desktop.member.id).toBe(laptop.member.id);
      expect(await call(server.app, 'POST', '/v1/auth/signout', { token: laptop.token })).toEqual({ status: 200, body: { ok: true } });
      await expectSignedOut(laptop.token, /revoked/);
      expectError(await call(server.app, 'POST', '/v1/auth/signout', { token: laptop.token }), 401, /revoked/);
      expect((await call(server.app, 'GET', '/v1/me', { token: desktop.token })).status).toBe(200);
      const pushed = await call(server.app, 'POST', '/v1/push', { token: desktop.token, body: { clientId: desktop.clientId, mutations: [] } });
      expect(pushed).toEqual({ status: 200, body: { lastMutationId: 0, rejected: [] } });
      const listing = await listMembers(server.db, team.id);
      expect(listing.members.find((m) => m.email === address)).toMatchObject({ status: 'active', devices: 1 });
    });

    it('answers /v1/me with the member and the team', async () => {
      const address = email('ada.lovelace');
      const ada = await signIn(address, 'hiring_manager');
      const res = await call(server.app, 'GET', '/v1/me', { token: ada.token });
      expect(res).toEqual({
        status: 200,
        body: {
          member: { id: ada.member.id, teamId: team.id, version: ada.member.version, deletedAt: null, name: 'Ada Lovelace', email: address, role: 'hiring_manager', status: 'active', timeZone: null },
          team: { id: team.id, name: team.name },
        },
      });
    });

    it('stores tokens and invite codes only hashed', async () => {
      const address = email('hashed');
      const pending = await invite(server.db, team.id, email('pending'), 'admin');
      const who = await signIn(address);
      const forms = (code: string) => [code, code.replaceAll('-', ''), code.toLowerCase(), code.replaceAll('-', '').toLowerCase()];
      const secrets = [who.token, who.token.slice(4), ...forms(who.code), ...forms(pending.code)];
      const dump = async (table: string) => JSON.stringify(await server.db.query(`SELECT * FROM ${table}`));
      const stored = `${await dump('devices')}${await dump('invites')}${await dump('members')}`;
      expect(stored.length).toBeGreaterThan(100);
      for (const secret of secrets) expect(stored).not.toContain(secret);
      // What is stored is the hash, so the token still finds its device.
      expect(await server.db.query('SELECT name FROM devices WHERE token_hash = $1', [hashSecret(who.token)])).toEqual([{ name: 'Laptop' }]);
      expect(await server.db.query('SELECT email FROM invites WHERE code_hash = $1', [hashSecret(pending.code)])).toEqual([{ email: matching(/^pending@/) }]);
    });
  });

  describe('roles and members', () => {
    it("changes a member's role; pulls and the rules see the new role", async () => {
      const recruiter = await signIn(email('boss'), 'recruiter');
      const address = email('promoted');
      const sourcer = await signIn(address, 'sourcer');
      const boss = as(server.app, recruiter);
      const prospectId = ulid();
      await boss.push([{ name: 'prospect.upsert', args: { id: prospectId, identity: identity(`p-${ulid().toLowerCase()}`), at: 1 } }]);
      const { cursor } = await boss.pull(0, 5000);

      const dnc = (at: number) => ({ name: 'prospect.setDoNotContact', args: { prospectId, reason: 'asked us to stop', at } });
      const promoted = as(server.app, sourcer);
      const before: PushResponse = await promoted.push([dnc(2)]);
      expect(before.rejected.map((r) => r.reason)).toEqual(['only recruiters and admins can change do-not-contact']);

      const updated = await setRole(server.db, team.name, address, 'recruiter');
      expect(updated).toMatchObject({ id: sourcer.member.id, role: 'recruiter' });
      const page = await boss.pull(cursor);
      expect(membersIn(page.rows)).toEqual([expect.objectContaining({ id: sourcer.member.id, role: 'recruiter', rowVersion: updated.version })]);
      expect(updated.version).toBeGreaterThan(sourcer.member.version);
      expect((await call(server.app, 'GET', '/v1/me', { token: sourcer.token })).body).toMatchObject({ member: { role: 'recruiter', version: updated.version } });
      // The same token now carries the new role.
      expect((await promoted.push([dnc(3)])).rejected).toEqual([]);
    });

    it('refuses to set the role of someone who is not a member', async () => {
      await expect(setRole(server.db, team.id, email('stranger'), 'admin')).rejects.toThrow(/is not a member of/);
      await expect(setRole(server.db, 'No Such Team', email('stranger'), 'admin')).rejects.toThrow(/no team/);
    });

    it('lists members with their status and devices, and pending invites only', async () => {
      const own = await createTeam(server.db, `Listing ${ulid()}`);
      const a = `a@${ulid().toLowerCase()}.x.example`;
      const b = `b@${ulid().toLowerCase()}.x.example`;
      const c = `c@${ulid().toLowerCase()}.x.example`;
      const d = `d@${ulid().toLowerCase()}.x.example`;
      await redeemCall((await invite(server.db, own.id, a, 'admin')).code);
      await redeemCall((await invite(server.db, own.id, a, 'admin')).code);
      await redeemCall((await invite(server.db, own.id, b, 'sourcer')).code);
      await revoke(server.db, own.id, b);
      await invite(server.db, own.id, c, 'hiring_manager');
      await invite(server.db, own.id, d, 'recruiter');
      await revoke(server.db, own.id, d);
      const listing = await listMembers(server.db, own.name);
      expect(listing.team).toEqual(own);
      // An invite makes a member at once (invited until they sign in); revoking an invite ends it.
      expect(listing.members).toEqual([
        { email: a, name: 'A', role: 'admin', status: 'active', devices: 2 },
        { email: b, name: 'B', role: 'sourcer', status: 'revoked', devices: 0 },
        { email: c, name: 'C', role: 'hiring_manager', status: 'invited', devices: 0 },
        { email: d, name: 'D', role: 'recruiter', status: 'revoked', devices: 0 },
      ]);
      expect(listing.pendingInvites).toEqual([{ email: c, role: 'hiring_manager', createdAt: matching(/^\d{4}-\d\d-\d\dT/), expiresAt: matching(/^\d{4}-\d\d-\d\dT/) }]);
      // Another team's people are not listed.
      expect((await listMembers(server.db, team.id)).members.map((m) => m.email)).not.toContain(a);
    });

    it("revokes a person in the team named only: the same email in another team keeps access", async () => {
      const other = await createTeam(server.db, `Other ${ulid()}`);
      const address = email('two.teams');
      const here = await signIn(address);
      const { code } = await invite(server.db, other.id, address, 'recruiter');
      const there = (await redeemCall(code)).body as RedeemResponse;
      await invite(server.db, other.id, address, 'admin'); // an unused invite there too
      expect(await revoke(server.db, team.name, address)).toEqual({ members: 1, devices: 1, invites: 0 });
      await expectSignedOut(here.token, /revoked/);
      expect((await call(server.app, 'GET', '/v1/me', { token: there.token })).status).toBe(200);
      expect((await listMembers(server.db, other.id)).pendingInvites.map((i) => i.email)).toEqual([address]);
      await expect(revoke(server.db, team.id, email('nobody'))).rejects.toThrow(/nobody with the email .* in Acme/);
    });
  });

  describe('invite expiry (finding 11)', () => {
    it('a code is good for 7 days by default, or for the hours asked', async () => {
      const week = await invite(server.db, team.id, email('week'), 'sourcer');
      const [row] = await server.db.query<{ days: number }>('SELECT extract(epoch FROM expires_at - created_at) / 86400 AS days FROM invites WHERE code_hash = $1', [hashSecret(week.code)]);
      expect(Number(row!.days)).toBeCloseTo(7, 3);
      const short = await invite(server.db, team.id, email('short'), 'sourcer', { expiresInHours: 3 });
      expect(Date.parse(short.expiresAt) - Date.now()).toBeGreaterThan(3 * 3600_000 - 60_000);
      expect(Date.parse(short.expiresAt) - Date.now()).toBeLessThanOrEqual(3 * 3600_000);
    });

    it('refuses an expired code with a 401 that says so, and leaves it out of the pending invites', async () => {
      const address = email('late');
      const { code } = await invite(server.db, team.id, address, 'sourcer');
      await server.db.query("UPDATE invites SET expires_at = now() - interval '1 second' WHERE code_hash = $1", [hashSecret(code)]);
      expectError(await redeemCall(code), 401, /expired on \d{4}-\d\d-\d\d; ask your admin for a new one/);
      expect((await listMembers(server.db, team.id)).pendingInvites.map((i) => i.email)).not.toContain(address);
      // They stay the member the invite made, never signed in: no device, not joined.
      const rows = await server.db.query<{ joined_at: string | null; devices: number }>(
        'SELECT m.joined_at, (SELECT count(*) FROM devices d WHERE d.member_id = m.id)::int AS devices FROM members m WHERE m.email = $1',
        [address],
      );
      expect(rows.map((r) => [r.joined_at, Number(r.devices)])).toEqual([[null, 0]]);
    });
  });

  describe('devices (finding 11)', () => {
    const lastSeen = async (token: string) => {
      const [row] = await server.db.query<{ last_seen_at: string | null }>('SELECT last_seen_at FROM devices WHERE token_hash = $1', [hashSecret(token)]);
      return row!.last_seen_at === null ? null : new Date(row!.last_seen_at).getTime();
    };

    it('records when a device was last used, at most about once a minute', async () => {
      const sam = await signIn(email('seen'));
      expect(await lastSeen(sam.token)).toBeNull();
      expect((await call(server.app, 'GET', '/v1/me', { token: sam.token })).status).toBe(200);
      const first = await lastSeen(sam.token);
      expect(first).not.toBeNull();
      expect(Math.abs(first! - Date.now())).toBeLessThan(60_000);
      // Within the minute: no new write.
      await new Promise((r) => setTimeout(r, 20));
      expect((await call(server.app, 'GET', `/v1/pull?clientId=${sam.clientId}`, { token: sam.token })).status).toBe(200);
      expect(await lastSeen(sam.token)).toBe(first);
      // Two minutes later: written again.
      await server.db.query("UPDATE devices SET last_seen_at = now() - interval '2 minutes' WHERE token_hash = $1", [hashSecret(sam.token)]);
      const before = await lastSeen(sam.token);
      expect((await call(server.app, 'GET', '/v1/me', { token: sam.token })).status).toBe(200);
      expect((await lastSeen(sam.token))! - before!).toBeGreaterThan(60_000);
    });

    it("lists a team's devices with member, name, created, last seen and revoked", async () => {
      const own = await createTeam(server.db, `Devices ${ulid()}`);
      const a = email('a');
      const b = email('b');
      const { code: c1 } = await invite(server.db, own.id, a, 'recruiter');
      const one = (await redeemCall(c1, 'Work laptop')).body as RedeemResponse;
      const { code: c2 } = await invite(server.db, own.id, b, 'sourcer');
      const two = (await redeemCall(c2, 'Home')).body as RedeemResponse;
      await call(server.app, 'GET', '/v1/me', { token: one.token });
      await call(server.app, 'POST', '/v1/auth/signout', { token: two.token });
      const listing = await listDevices(server.db, own.name);
      expect(listing.team).toEqual(own);
      expect(listing.devices).toEqual([
        { id: matching(/^[0-9a-f-]{36}$/), email: a, name: 'Work laptop', createdAt: matching(/^\d{4}-/), lastSeenAt: matching(/^\d{4}-/), revokedAt: null },
        // Signing out was its last use.
        { id: matching(/^[0-9a-f-]{36}$/), email: b, name: 'Home', createdAt: matching(/^\d{4}-/), lastSeenAt: matching(/^\d{4}-/), revokedAt: matching(/^\d{4}-/) },
      ]);
      // Another team's devices are not listed.
      expect((await listDevices(server.db, team.id)).devices.map((d) => d.email)).not.toContain(a);
    });

    it('revokes one device by its id or a prefix of it; the member and their other devices keep working', async () => {
      const own = await createTeam(server.db, `Revoke device ${ulid()}`);
      const address = email('two.devices');
      const laptop = (await redeemCall((await invite(server.db, own.id, address, 'recruiter')).code, 'Laptop')).body as RedeemResponse;
      const phone = (await redeemCall((await invite(server.db, own.id, address, 'recruiter')).code, 'Phone')).body as RedeemResponse;
      const { devices } = await listDevices(server.db, own.id);
      const laptopId = devices.find((d) => d.name === 'Laptop')!.id;
      expect(await revokeDevice(server.db, laptopId.slice(0, 8).toUpperCase())).toEqual({ id: laptopId, email: address, name: 'Laptop' });
      expectError(await call(server.app, 'GET', '/v1/me', { token: laptop.token }), 401, /revoked/);
      expect((await call(server.app, 'GET', '/v1/me', { token: phone.token })).status).toBe(200);
      await expect(revokeDevice(server.db, 'ffffffff-ffff')).rejects.toThrow(/no device with an id starting ffffffff-ffff/);
      await expect(revokeDevice(server.db, '')).rejects.toThrow(/at least 4/);
    });

    it('asks for more of the id when a prefix names several devices', async () => {
      const own = await createTeam(server.db, `Ambiguous ${ulid()}`);
      for (const who of ['x', 'y']) await redeemCall((await invite(server.db, own.id, email(who), 'recruiter')).code);
      const { devices } = await listDevices(server.db, own.id);
      // Two ids made to share a prefix, as a long-lived server eventually has.
      await server.db.query("UPDATE devices SET id = 'abcd' || substr(id, 5) WHERE id = ANY($1)", [devices.map((d) => d.id)]);
      await expect(revokeDevice(server.db, 'abcd')).rejects.toThrow(/2 devices have an id starting abcd; give more of it/);
      expect((await listDevices(server.db, own.id)).devices.map((d) => d.revokedAt)).toEqual([null, null]);
    });
  });
});
