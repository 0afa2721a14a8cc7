import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/server/http/app';
import { createLogger } from '@/server/log';
import { readConfig } from '@/server/config';
import { MailSender } from '@/server/mail/mail-sender';
import { linkSecret } from '@/server/review-link/token';
import type { Member, ReviewDecision, ReviewRequest } from '@/lib/model';
import { dueReminderSlot, localTime, nextReminderAt } from '@/lib/deadlines';
import { serverReminderPolicy } from '@/server/mail/reminder-queue';
import { lastCheckInSlot } from '@/lib/deadlines';
import { DATABASE_KINDS } from './support/databases';
import { adminAppFor, ADMIN_SECRET, as, docsOf, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';
import { startSmtp } from '../support/smtp-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const PUBLIC = 'http://tandem.test';
const linkIn = (raw: string) => new RegExp(`${PUBLIC}/r/[A-Za-z0-9._-]+`).exec(raw)?.[0];

describe('mail settings', () => {
  const env = { TANDEM_DATA_DIR: '/tmp/unused' };
  it('are off when SMTP_URL is unset, and a log in development', () => {
    expect(readConfig(env).mail).toEqual({ transport: 'off' });
    expect(readConfig({ ...env, NODE_ENV: 'development' }).mail).toMatchObject({ transport: 'log' });
    expect(readConfig({ ...env, SMTP_URL: 'smtps://u:p@smtp.example.com:465', MAIL_FROM: 'Tandem <t@example.com>' }).mail).toMatchObject({ transport: 'smtp', from: 'Tandem <t@example.com>' });
  });
  it.each([
    ['not a URL', { SMTP_URL: 'smtp.example.com', MAIL_FROM: 't@example.com' }, /SMTP_URL is not a URL; write it as smtps:\/\//],
    ['another scheme', { SMTP_URL: 'https://smtp.example.com', MAIL_FROM: 't@example.com' }, /SMTP_URL must start with smtp:\/\/ or smtps:\/\//],
    ['no sender', { SMTP_URL: 'smtp://smtp.example.com' }, /MAIL_FROM is needed with SMTP_URL/],
    ['a bad sender', { SMTP_URL: 'smtp://smtp.example.com', MAIL_FROM: 'tandem' }, /MAIL_FROM is not a mail address/],
  ])('stop the server with a clear message for %s', (_, bad, message) => {
    expect(() => readConfig({ ...env, ...bad })).toThrow(message);
  });
  it('never repeat the password of a malformed SMTP_URL', () => {
    expect(() => readConfig({ ...env, SMTP_URL: 'smtp://user:s3cret@[bad', MAIL_FROM: 't@example.com' })).toThrow(/^(?!.*s3cret)/s);
  });
});

describe.each(DATABASE_KINDS)('review mail and the review link on %s', (kind) => {
  const server = serverFor(kind);
  let secret: string;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const refuse = new Map<string, number>();
  beforeAll(async () => {
    secret = await linkSecret(server.db);
    smtp = await startSmtp({ refuse });
  });
  afterAll(() => smtp.close());

  const sender = (url = smtp.url, now?: () => number) => new MailSender({ db: server.db, log: createLogger('silent'), config: { transport: 'smtp', url, from: 'Tandem <tandem@tandem.test>' }, secret, publicUrl: PUBLIC, now });

  /** A recruiter sends a hiring manager a review of two people. */
  async function sentReview({ message = 'Two for the platform team', people = ['Ada Lovelace', 'Grace Hopper'] } = {}) {
    const { members } = await teamWith(server.db, ['recruiter', 'hiring_manager', 'hiring_manager']);
    const [recruiter, hm, hm2] = members.map((m) => ({ ...m, api: as(server.app, m) }));
    const requisitionId = ulid();
    const ids = people.map(() => ulid());
    const requestId = ulid();
    const res = await recruiter!.api.push([
      { name: 'requisition.save', args: { id: requisitionId, title: 'Staff Platform Engineer', hiringManagerId: hm!.member.id, recruiterIds: [recruiter!.member.id], mustHaves: ['Go', 'Postgres'], niceToHaves: ['Kubernetes'], feedbackSlaHours: 48, stages: ['Sourced'], at: 1 } },
      ...people.map((name, i) => ({ name: 'prospect.upsert', args: { id: ids[i], identity: identity(`p-${ids[i]!.toLowerCase()}`, name), at: 1 } })),
      { name: 'review.request', args: { id: requestId, requisitionId, reviewerId: hm!.member.id, prospectIds: ids, activityIds: ids.map(() => ulid()), message, at: Date.now() } },
    ]);
    expect(res.rejected).toEqual([]);
    return { recruiter: recruiter!, hm: hm!, hm2: hm2!, requestId, requisitionId, ids };
  }

  /** Two senders (two processes) on one moved clock; `tick` moves it and lets both queue and send what fell due. */
  function twoProcesses(start: number) {
    const clock = { t: start };
    const a = sender(smtp.url, () => clock.t);
    const b = sender(smtp.url, () => clock.t);
    const tick = async (t: number) => {
      clock.t = t;
      // Queueing wakes the sender that queued; both also drain, as their polls would.
      await Promise.all([a.queueReminders(), b.queueReminders()]);
      await Promise.all([a.drain(), b.drain()]);
      await Promise.all([a.whenIdle(), b.whenIdle()]);
    };
    return { a, b, tick };
  }

  const mailTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));
  const logOf = (teamId: string) => server.db.query<{ recipient: string; status: string; error: string | null }>('SELECT recipient, status, error FROM mail_log WHERE team_id = $1 ORDER BY id', [teamId]);

  it('mails a new review request to its reviewer over SMTP, in text and HTML, once', async () => {
    const { hm, recruiter } = await sentReview({ people: ['Ada <b>Lovelace</b>', 'Grace Hopper'] });
    const a = sender();
    const b = sender();
    // Two senders at once (two processes): the lease gives the mail to one.
    await Promise.all([a.drain(), b.drain(), a.drain()]);
    await Promise.all([a.stop(), b.stop()]);
    const mails = mailTo(hm.member.email);
    expect(mails).toHaveLength(1);
    const raw = mails[0]!.raw;
    expect(mails[0]!.from).toBe('tandem@tandem.test');
    expect(raw).toMatch(/^Subject: Review 2 people for Staff Platform Engineer/m);
    expect(raw).toContain('multipart/alternative');
    expect(raw).toMatch(/text\/plain/);
    expect(raw).toMatch(/text\/html/);
    expect(raw).toContain(`${recruiter.member.name} asked you to review 2 people`);
    expect(raw).toContain('Two for the platform team');
    expect(raw).toContain('Ada &lt;b&gt;Lovelace&lt;/b&gt;');
    expect(raw).not.toContain('<b>Lovelace</b></strong>');
    expect(raw).toContain('/settings');
    expect(linkIn(raw)).toBeDefined();
    expect(await logOf(hm.member.teamId)).toEqual([{ recipient: hm.member.email, status: 'sent', error: null }]);
  });

  it('records a refused recipient as failed, retries a busy one, and retries when the SMTP server is down', async () => {
    const refused = await sentReview();
    const busy = await sentReview();
    refuse.set(refused.hm.member.email, 550);
    refuse.set(busy.hm.member.email, 450);
    const s = sender();
    await s.drain();
    await s.stop();
    expect(await logOf(refused.hm.member.teamId)).toEqual([expect.objectContaining({ status: 'failed', error: expect.stringMatching(/550/) as unknown })]);
    expect(await logOf(busy.hm.member.teamId)).toEqual([expect.objectContaining({ status: 'retry' })]);
    const [queued] = await server.db.query<{ status: string; later: boolean }>("SELECT status, send_after > now() AS later FROM mail_queue WHERE team_id = $1", [busy.hm.member.teamId]);
    expect(queued).toEqual({ status: 'queued', later: true });

    const down = await sentReview();
    const closed = sender('smtp://127.0.0.1:1');
    await closed.drain();
    await closed.stop();
    expect(await logOf(down.hm.member.teamId)).toEqual([expect.objectContaining({ status: 'retry' })]);
    expect(mailTo(down.hm.member.email)).toHaveLength(0);
    // Once the SMTP server is back and the retry is due, it goes, once.
    await server.db.query("UPDATE mail_queue SET send_after = now() WHERE team_id = $1", [down.hm.member.teamId]);
    const back = sender();
    await back.drain();
    await back.stop();
    expect(mailTo(down.hm.member.email)).toHaveLength(1);
    refuse.clear();
  });

  async function mailedLink() {
    const review = await sentReview();
    const s = sender();
    await s.drain();
    await s.stop();
    const link = linkIn(mailTo(review.hm.member.email)[0]!.raw)!;
    return { ...review, path: new URL(link).pathname };
  }

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    server.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('opens the review page under a strict CSP, and decides as the reviewer through the push path', async () => {
    const { path, ids, recruiter, requestId } = await mailedLink();
    const outsider = ulid();
    const notes = await recruiter.api.push([
      { name: 'note.add', args: { id: ulid(), prospectId: ids[0], body: 'Team note: strong on Postgres', at: 5 } },
      { name: 'note.add', args: { id: ulid(), prospectId: ids[0], body: 'Private note: salary hint', visibility: 'private', at: 5 } },
      { name: 'prospect.upsert', args: { id: outsider, identity: identity(`p-${outsider.toLowerCase()}`, 'Outside Person'), at: 5 } },
      { name: 'note.add', args: { id: ulid(), prospectId: outsider, body: 'Note on someone else', at: 5 } },
    ]);
    expect(notes.rejected).toEqual([]);
    const page = await server.app.request(path);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('Ada Lovelace');
    // The team's notes on the people in it; nobody's private notes, nothing about anyone else.
    expect(html).toContain('Team note: strong on Postgres');
    expect(html).not.toContain('Private note');
    expect(html).not.toContain('Outside Person');
    expect(html).not.toContain('Note on someone else');
    expect(html).not.toMatch(/<script>(?!\s*$)/);

    const decided = await post(`${path}/decide`, { prospectId: ids[0], verdict: 'approve', met: ['Go'], note: 'Strong' });
    expect(decided.status).toBe(200);
    const decisions = docsOf<ReviewDecision>(await recruiter.api.pullAll(), 'review_decision');
    expect(decisions).toEqual([expect.objectContaining({ requestId, prospectId: ids[0], verdict: 'approve', met: ['Go'], note: 'Strong' })]);
    // A second decision on the same person is the mutation's refusal, as a 409 the page shows.
    const again = await post(`${path}/decide`, { prospectId: ids[0], verdict: 'reject' });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: 'already decided; undo the decision first' });
    // An id the mutations would never take is refused before any query (found by the fuzz: a NUL byte was a 500 on PGlite).
    for (const decisionId of ['x\u0000y', 'not-an-id']) {
      const bad = await post(`${path}/undo`, { decisionId });
      expect(bad.status, decisionId).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toMatch(/must be a ULID/);
    }
    const undone = await post(`${path}/undo`, { decisionId: decisions[0]!.id });
    expect(undone.status).toBe(200);
    expect(docsOf<ReviewDecision>(await recruiter.api.pullAll(), 'review_decision')[0]!.deletedAt).not.toBeNull();
  });

  it('refuses a tampered token with a clear 404 page, never a 5xx', async () => {
    const { path } = await mailedLink();
    const token = path.slice('/r/'.length);
    const [id, mac] = token.split('.') as [string, string];
    const flipped = `${id}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    const otherId = `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}.${mac}`;
    for (const bad of [flipped, otherId, id, `${token}.x`, 'nonsense', '%00', 'a'.repeat(5000)]) {
      const res = await server.app.request(`/r/${bad}`);
      expect(res.status, bad).toBe(404);
      expect(await res.text()).toContain('This link is not valid');
      expect((await post(`/r/${bad}/decide`, { prospectId: ulid(), verdict: 'approve' })).status).toBe(404);
    }
  });

  it('expires two weeks after the deadline', async () => {
    const { path, hm } = await mailedLink();
    const [request] = await server.db.query<{ due: number }>("SELECT (doc->>'dueAt')::bigint AS due FROM entities WHERE kind = 'review_request' AND team_id = $1", [hm.member.teamId]);
    const due = Number(request!.due);
    const { reviewLinkRoutes } = await import('@/server/review-link/routes');
    const { rateLimits } = await import('@/server/http/rate-limits');
    const at = (t: number) => reviewLinkRoutes({ db: server.db, limits: rateLimits(undefined), now: () => t });
    expect((await at(due + 14 * 86_400_000 - 1000).request(path.slice(2))).status).toBe(200);
    const late = await at(due + 14 * 86_400_000 + 1000).request(path.slice(2));
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('This link has expired');
  });

  it('shows a closed page after the request is reassigned, and refuses a replayed decision', async () => {
    const { path, recruiter, hm2, requestId, ids } = await mailedLink();
    const res = await recruiter.api.push([{ name: 'review.reassign', args: { requestId, newRequestId: ulid(), reviewerId: hm2.member.id, message: '', at: Date.now() } }]);
    expect(res.rejected).toEqual([]);
    const page = await server.app.request(path);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('This review went to someone else');
    const replay = await post(`${path}/decide`, { prospectId: ids[0], verdict: 'approve' });
    expect(replay.status).toBe(410);
    // The new reviewer is mailed the handed-over review.
    const s = sender();
    await s.drain();
    await s.stop();
    expect(mailTo(hm2.member.email).map((m) => /^Subject: (.*)$/m.exec(m.raw)?.[1])).toEqual(['Review handed to you: Staff Platform Engineer (2 people)']);
  });

  it('rate-limits the link routes per address, good tokens and bad alike', async () => {
    const { path } = await mailedLink();
    const limited = createApp({ db: server.db, log: createLogger('silent'), rateLimits: { pushPerMin: 0, pullPerMin: 0, redeemPerMin: 0, badTokenPerMin: 0, trustProxy: false, reviewLinkPerMin: 3 } });
    const statuses = [];
    for (const p of [path, '/r/guess-1', `${path}/settings`, path]) statuses.push((await limited.request(p)).status);
    expect(statuses).toEqual([200, 404, 200, 429]);
    const res = await limited.request('/r/guess-2');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('writes mail to the log with the log transport, sending nothing', async () => {
    const { hm } = await sentReview();
    const lines: string[] = [];
    const log = createLogger('info');
    const logged = Object.assign(Object.create(log) as typeof log, { info: (o: object, msg: string) => void lines.push(`${msg} ${JSON.stringify(o)}`) });
    const s = new MailSender({ db: server.db, log: logged, config: { transport: 'log', from: 'Tandem <t@tandem.test>' }, secret, publicUrl: PUBLIC });
    await s.drain();
    await s.stop();
    expect(mailTo(hm.member.email)).toHaveLength(0);
    expect(lines.find((l) => l.includes(hm.member.email))).toMatch(/mail \(log transport, not sent\).*Review 2 people for Staff Platform Engineer/);
    expect(await logOf(hm.member.teamId)).toEqual([{ recipient: hm.member.email, status: 'sent', error: null }]);
  });

  it('lets the reviewer turn review mail off from the mail settings page, and then sends them none', async () => {
    const { path, hm, recruiter, requisitionId } = await mailedLink();
    const settings = await server.app.request(`${path}/settings`);
    expect(await settings.text()).toContain('is <strong>on</strong>');
    const off = await server.app.request(`${path}/settings`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'mail=off' });
    expect(off.status).toBe(303);
    expect(await (await server.app.request(`${path}/settings`)).text()).toContain('is <strong>off</strong>');
    const crossSite = await server.app.request(`${path}/settings`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' }, body: 'mail=on' });
    expect(crossSite.status).toBe(403);
    const person = ulid();
    const res = await recruiter.api.push([
      { name: 'prospect.upsert', args: { id: person, identity: identity(`p-${person.toLowerCase()}`, 'Alan Turing'), at: 1 } },
      { name: 'review.request', args: { id: ulid(), requisitionId, reviewerId: hm.member.id, prospectIds: [person], activityIds: [ulid()], at: Date.now() } },
    ]);
    expect(res.rejected).toEqual([]);
    const s = sender();
    await s.drain();
    await s.stop();
    expect(mailTo(hm.member.email)).toHaveLength(1);
    expect((await logOf(hm.member.teamId)).at(-1)).toEqual({ recipient: null, status: 'skipped', error: 'the reviewer turned review mail off' });
  });

  it('lets a hiring manager without the extension set their working days and quiet hours on the mail settings page, and refuses bad ones with a message', async () => {
    const { path, hm } = await mailedLink();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const page = await server.app.request(`${path}/settings`);
    const text = await page.text();
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    // A plain form with labels: every box and time named, nothing from another site.
    for (const label of ['Monday', 'Saturday', 'Quiet hours from', 'until']) expect(text).toMatch(new RegExp(`<label[^>]*>(<input[^>]*> )?${label}`));
    expect(text).not.toMatch(/https?:\/\/(?!tandem\.test)/);
    expect(text).toMatch(/name="day" value="1" checked/);
    expect(text).not.toMatch(/name="day" value="6" checked/);

    const post = (body: string) => server.app.request(`${path}/settings`, { method: 'POST', headers: form, body });
    const bad = [
      ['rules=1&quiet_start=20:00&quiet_end=09:00', /Working days: choose at least one working day/],
      ['rules=1&day=2&day=9&quiet_start=20:00&quiet_end=09:00', /Working days: /],
      ['rules=1&day=2&quiet_start=8pm&quiet_end=09:00', /Quiet hours: each must be a time such as 08:00/],
      ['rules=1&day=2&quiet_end=09:00', /Quiet hours: /],
    ] as const;
    for (const [body, message] of bad) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
    // A body that says it is a multipart form but is not one (found by the fuzz: it was a 500).
    const broken = await server.app.request(`${path}/settings`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: 'rules=1&day=2&quiet_start=20:00&quiet_end=09:00' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toMatch(/send the form from the mail settings page/);
    expect((await server.db.query('SELECT working_days FROM members WHERE id = $1', [hm.member.id]))[0]).toEqual({ working_days: null });

    const saved = await post('rules=1&day=2&day=3&day=4&day=5&day=6&quiet_start=20:00&quiet_end=09:00');
    expect(saved.status).toBe(303);
    expect((await server.db.query('SELECT working_days, quiet_start, quiet_end FROM members WHERE id = $1', [hm.member.id]))[0]).toEqual({ working_days: [2, 3, 4, 5, 6], quiet_start: '20:00', quiet_end: '09:00' });
    // Their own record, as from their device: every device of theirs and the team's pickers see it.
    const [me] = docsOf<Member>((await as(server.app, hm).pull()).rows, 'member').filter((m) => m.id === hm.member.id);
    expect(me).toMatchObject({ workingDays: [2, 3, 4, 5, 6], quietHours: { start: '20:00', end: '09:00' } });
    const again = await (await server.app.request(`${path}/settings`)).text();
    expect(again).toMatch(/name="day" value="6" checked/);
    expect(again).not.toMatch(/name="day" value="1" checked/);
    expect(again).toContain('value="20:00"');
  });

  it('is withdrawn by the recruiter only, in their own team', async () => {
    const { path, recruiter, hm, requestId } = await mailedLink();
    const other = await sentReview();
    const as = (who: { token: string }) => ({ authorization: `Bearer ${who.token}` });
    expect((await post('/v1/review-links/revoke', { requestId }, as(hm))).status).toBe(403);
    expect((await post('/v1/review-links/revoke', { requestId }, as(other.recruiter))).status).toBe(404);
    expect((await server.app.request(path)).status).toBe(200);
    const revoked = await post('/v1/review-links/revoke', { requestId }, as(recruiter));
    expect(await revoked.json()).toEqual({ revoked: 1 });
    const page = await server.app.request(path);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('This link was withdrawn');
  });

  describe('reminders and nudges by mail', () => {
    const DAY = 86_400_000;
    // Headers unfolded: a long subject is folded onto a second line.
    const subjects = (email: string, pattern: RegExp) => mailTo(email).filter((m) => pattern.test(m.raw.replace(/\r?\n[ \t]+/g, ' ')));
    const OVERDUE = /^Subject: Review (due now|overdue by [^:]*): 2 people for Staff Platform Engineer/m;
    async function dueAtOf(requestId: string) {
      const [row] = await server.db.query<{ doc: ReviewRequest }>("SELECT doc FROM entities WHERE kind = 'review_request' AND id = $1", [requestId]);
      return row!.doc.dueAt;
    }

    it('mails a reminder at the due time, then once a working day, from two processes at once but once, and stops when the request closes', async () => {
      const { hm, recruiter, requestId } = await sentReview();
      const dueAt = await dueAtOf(requestId);
      // The reviewer has no zone of their own: UTC, Monday to Friday, quiet 19:00–08:00.
      const policy = serverReminderPolicy({});
      const first = nextReminderAt(dueAt, null, policy);
      const { a, b, tick } = twoProcesses(first - 60_000);
      await tick(first - 60_000);
      expect(mailTo(hm.member.email)).toHaveLength(1); // the request's own mail
      expect(subjects(hm.member.email, OVERDUE)).toHaveLength(0);
      await tick(first);
      expect(subjects(hm.member.email, OVERDUE)).toHaveLength(1);
      const raw = subjects(hm.member.email, OVERDUE)[0]!.raw;
      expect(raw).toContain(`Your review of 2 people for Staff Platform Engineer, from ${recruiter.member.name}, is `);
      expect(linkIn(raw)).toBeDefined();
      await tick(first + 3 * 3_600_000);
      expect(subjects(hm.member.email, OVERDUE)).toHaveLength(1);
      const second = nextReminderAt(dueAt, first, policy);
      await tick(second - 60_000);
      expect(subjects(hm.member.email, OVERDUE)).toHaveLength(1);
      await tick(second);
      expect(subjects(hm.member.email, OVERDUE)).toHaveLength(2);
      // A week with every server down: one reminder when they are back, not one per day missed.
      await tick(second + 7 * DAY + 3_600_000);
      expect(subjects(hm.member.email, OVERDUE)).toHaveLength(3);
      const slots = await server.db.query<{ due_slot: string }>("SELECT due_slot FROM mail_queue WHERE request_id = $1 AND kind = 'reminder' ORDER BY id", [requestId]);
      expect(slots.map((r) => Number(r.due_slot))).toEqual([first, second, expect.any(Number) as unknown]);
      // Closed: no more.
      expect((await recruiter.api.push([{ name: 'review.cancel', args: { requestId, at: Date.now() } }])).rejected).toEqual([]);
      await tick(second + 14 * DAY);
      expect(subjects(hm.member.email, OVERDUE)).toHaveLength(3);
      await Promise.all([a.stop(), b.stop()]);
    });

    it('reminds in the reviewer’s own zone, and not at all once they turned review mail off', async () => {
      const { hm, requestId } = await sentReview();
      await server.db.query("UPDATE members SET time_zone = 'Pacific/Auckland' WHERE id = $1", [hm.member.id]);
      const dueAt = await dueAtOf(requestId);
      const first = nextReminderAt(dueAt, null, serverReminderPolicy({ time_zone: 'Pacific/Auckland' }));
      const clock = { t: first - 1 };
      const s = sender(smtp.url, () => clock.t);
      await s.queueReminders();
      expect(await server.db.query("SELECT 1 FROM mail_queue WHERE request_id = $1 AND kind = 'reminder'", [requestId])).toEqual([]);
      clock.t = first;
      await s.queueReminders();
      expect(await server.db.query("SELECT due_slot FROM mail_queue WHERE request_id = $1 AND kind = 'reminder'", [requestId])).toEqual([{ due_slot: String(first) }]);
      await server.db.query('UPDATE members SET review_mail_off_at = now() WHERE id = $1', [hm.member.id]);
      clock.t = first + 10 * DAY;
      await s.queueReminders();
      expect(await server.db.query("SELECT count(*)::int AS n FROM mail_queue WHERE request_id = $1 AND kind = 'reminder'", [requestId])).toEqual([{ n: 1 }]);
      await s.stop();
    });

    it('reminds by the reviewer’s own working days and quiet hours, as their extension would (Tuesday to Saturday, quiet 20:00–09:00 in New York)', async () => {
      const { hm, requestId } = await sentReview();
      // Set from their own device, as Options does: the member's record, mirrored onto the members table.
      const saved = await hm.api.push([{ name: 'member.update', args: { memberId: hm.member.id, timeZone: 'America/New_York', workingDays: [2, 3, 4, 5, 6], quietHours: { start: '20:00', end: '09:00' } } }]);
      expect(saved.rejected).toEqual([]);
      // The policy the extension reminds them by, written out here rather than read from the server.
      const policy = { timeZone: 'America/New_York', workingDays: [2, 3, 4, 5, 6], quietHours: { start: '20:00', end: '09:00' } };
      const dueAt = await dueAtOf(requestId);
      const expected: number[] = [];
      for (let slot = nextReminderAt(dueAt, null, policy); expected.length < 7; slot = nextReminderAt(dueAt, slot, policy)) expected.push(slot);
      const clock = { t: dueAt };
      const s = sender(smtp.url, () => clock.t);
      const queued = async () => (await server.db.query<{ due_slot: string }>("SELECT due_slot FROM mail_queue WHERE request_id = $1 AND kind = 'reminder' ORDER BY id", [requestId])).map((r) => Number(r.due_slot));
      for (const [i, slot] of expected.entries()) {
        clock.t = slot - 60_000;
        await s.queueReminders();
        expect(await queued()).toEqual(expected.slice(0, i));
        clock.t = slot;
        await s.queueReminders();
        expect(await queued()).toEqual(expected.slice(0, i + 1));
        // Every slot the extension gives is on a working day outside quiet hours, in their zone.
        expect(dueReminderSlot(dueAt, expected[i - 1] ?? null, policy, slot)).toBe(slot);
      }
      await s.whenIdle();
      await s.stop();
      expect(subjects(hm.member.email, OVERDUE).length).toBeGreaterThan(0);
      const weekdays = expected.map((t) => localTime(t, 'America/New_York').weekday);
      expect(weekdays).toContain(6);
      expect(weekdays).not.toContain(1);
    });

    it('tells the reviewer’s devices in every pull whether the server mails their reminders', async () => {
      const { hm } = await sentReview();
      const mailing = createApp({ db: server.db, log: createLogger('silent'), mailsReminders: true });
      expect((await as(mailing, hm).pull()).remindersByMail).toBe(true);
      // No SMTP (off or the log): the devices remind.
      expect((await as(server.app, hm).pull()).remindersByMail).toBe(false);
      await server.db.query('UPDATE members SET review_mail_off_at = now() WHERE id = $1', [hm.member.id]);
      expect((await as(mailing, hm).pull()).remindersByMail).toBe(false);
    });

    it('gives the reminders back to the reviewer’s devices while mail to them fails, and takes them again once one arrives', async () => {
      const { hm, recruiter, requestId } = await sentReview();
      const mailing = createApp({ db: server.db, log: createLogger('silent'), mailsReminders: true });
      const reminded = async () => (await as(mailing, hm).pull()).remindersByMail;
      refuse.set(hm.member.email, 550);
      const s = sender();
      await s.drain();
      expect(await reminded()).toBe(false);
      // The address was fixed; the next mail reaches them.
      refuse.clear();
      expect((await recruiter.api.push([{ name: 'review.nudge', args: { requestId, at: Date.now() } }])).rejected).toEqual([]);
      await s.drain();
      await s.stop();
      expect(await reminded()).toBe(true);

      // The SMTP server down: retried later, and meanwhile the devices remind.
      const other = await sentReview();
      const closed = sender('smtp://127.0.0.1:1');
      await closed.drain();
      await closed.stop();
      expect((await as(mailing, other.hm).pull()).remindersByMail).toBe(false);
    });

    it('mails each nudge to the reviewer once, naming who nudged', async () => {
      const { hm, recruiter, requestId } = await sentReview();
      const s = sender();
      await s.drain();
      const NUDGE = new RegExp(`^Subject: ${recruiter.member.name} nudged you: 2 people for Staff Platform Engineer`, 'm');
      const at = Date.now();
      expect((await recruiter.api.push([{ name: 'review.nudge', args: { requestId, at } }])).rejected).toEqual([]);
      // The same nudge sent again (a retried push) and a decision after it: still one mail.
      await recruiter.api.push([{ name: 'review.nudge', args: { requestId, at } }]);
      await s.drain();
      expect(subjects(hm.member.email, NUDGE)).toHaveLength(1);
      expect(subjects(hm.member.email, NUDGE)[0]!.raw).toContain(`${recruiter.member.name} nudged you about your review of 2 people`);
      expect((await recruiter.api.push([{ name: 'review.nudge', args: { requestId, at: at + 1000 } }])).rejected).toEqual([]);
      await s.drain();
      await s.stop();
      expect(subjects(hm.member.email, NUDGE)).toHaveLength(2);
    });
  });

  describe('the team chat webhook', () => {
    /** A local webhook: records each post's body; answers the statuses queued in `answers` first, then 200. */
    async function startWebhook() {
      const posts: unknown[] = [];
      const answers: number[] = [];
      const listener = createServer((req, res) => {
        let body = '';
        req.on('data', (d: Buffer) => (body += d.toString()));
        req.on('end', () => {
          const status = answers.shift() ?? 200;
          if (status === 200) posts.push({ contentType: req.headers['content-type'], body: JSON.parse(body) as unknown });
          res.writeHead(status).end(status === 200 ? 'ok' : 'no');
        });
      });
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/services/T0/B0/secret`;
      return { url, posts, answers, close: () => new Promise<void>((resolve) => listener.close(() => resolve())) };
    }
    const setWebhook = (team: string, url: unknown) =>
      adminAppFor(server.db).request(`/admin/teams/${team}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tandem-admin-secret': ADMIN_SECRET }, body: JSON.stringify({ url }) });

    it('takes only an https URL (http on loopback), set by an admin', async () => {
      const { team } = await teamWith(server.db, ['admin']);
      for (const bad of ['hooks.slack.com/services/x', 'http://hooks.slack.com/services/x', 'ftp://hooks.slack.com/x', 'https://user:pw@hooks.slack.com/x']) {
        const res = await setWebhook(team.id, bad);
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: string }).error).toMatch(/webhook/);
      }
      const ok = await setWebhook(team.id, 'https://hooks.slack.com/services/T0/B0/x');
      expect(await ok.json()).toMatchObject({ webhookHost: 'hooks.slack.com' });
      expect(await server.db.query('SELECT chat_webhook_url FROM teams WHERE id = $1', [team.id])).toEqual([{ chat_webhook_url: 'https://hooks.slack.com/services/T0/B0/x' }]);
      await setWebhook(team.id, null);
      expect(await server.db.query('SELECT chat_webhook_url FROM teams WHERE id = $1', [team.id])).toEqual([{ chat_webhook_url: null }]);
    });

    it('posts a new request and an overdue review as {text}, retrying a failed post, never twice, and logs them (mail off too)', async () => {
      const hook = await startWebhook();
      const { team, members } = await teamWith(server.db, ['recruiter', 'hiring_manager']);
      expect((await setWebhook(team.id, hook.url)).status).toBe(200);
      const [recruiter, hm] = members;
      const requisitionId = ulid();
      const person = ulid();
      const requestId = ulid();
      hook.answers.push(500);
      const res = await as(server.app, recruiter!).push([
        { name: 'requisition.save', args: { id: requisitionId, title: 'Data <!channel> Engineer', hiringManagerId: hm!.member.id, recruiterIds: [recruiter!.member.id], mustHaves: [], niceToHaves: [], feedbackSlaHours: 48, stages: ['Sourced'], at: 1 } },
        { name: 'prospect.upsert', args: { id: person, identity: identity(`p-${person.toLowerCase()}`, 'Ada Lovelace'), at: 1 } },
        { name: 'review.request', args: { id: requestId, requisitionId, reviewerId: hm!.member.id, prospectIds: [person], activityIds: [ulid()], at: Date.now() } },
      ]);
      expect(res.rejected).toEqual([]);
      const clock = { t: Date.now() };
      // Mail is off here: the sender posts to chat all the same, and leaves the request's mail queued.
      const a = new MailSender({ db: server.db, log: createLogger('silent'), config: { transport: 'off' }, secret, publicUrl: PUBLIC, now: () => clock.t });
      const b = new MailSender({ db: server.db, log: createLogger('silent'), config: { transport: 'off' }, secret, publicUrl: PUBLIC, now: () => clock.t });
      const tick = async () => {
        await Promise.all([a.queueReminders(), b.queueReminders()]);
        await Promise.all([a.drain(), b.drain()]);
        await Promise.all([a.whenIdle(), b.whenIdle()]);
      };
      await tick();
      expect(hook.posts).toEqual([]);
      const [retry] = await server.db.query<{ status: string; error: string }>("SELECT l.status, l.error FROM mail_log l JOIN mail_queue q ON q.id = l.mail_id WHERE q.request_id = $1 AND q.kind = 'chat_request'", [requestId]);
      expect(retry).toEqual({ status: 'retry', error: 'the webhook answered 500' });
      await server.db.query("UPDATE mail_queue SET send_after = now() WHERE request_id = $1 AND kind = 'chat_request'", [requestId]);
      await tick();
      await tick();
      expect(hook.posts).toEqual([
        { contentType: 'application/json', body: { text: expect.stringMatching(new RegExp(`^${recruiter!.member.name} asked ${hm!.member.name} to review 1 person for Data &lt;!channel&gt; Engineer, due .* UTC\\.$`)) as unknown } },
      ]);
      // No candidate names and no review link in chat.
      expect(JSON.stringify(hook.posts)).not.toMatch(/Ada Lovelace|\/r\//);
      const dueAt = await server.db.query<{ due: string }>("SELECT doc->>'dueAt' AS due FROM entities WHERE kind = 'review_request' AND id = $1", [requestId]);
      clock.t = Number(dueAt[0]!.due) + 60_000;
      await tick();
      await tick();
      expect(hook.posts).toHaveLength(2);
      expect(hook.posts[1]).toEqual({ contentType: 'application/json', body: { text: `${hm!.member.name}’s review of 1 person for Data &lt;!channel&gt; Engineer (asked by ${recruiter!.member.name}) is overdue by 1 minute.` } });
      expect(await server.db.query("SELECT kind, status FROM mail_queue WHERE request_id = $1 ORDER BY kind", [requestId])).toEqual([
        { kind: 'chat_overdue', status: 'sent' },
        { kind: 'chat_request', status: 'sent' },
        { kind: 'review_request', status: 'queued' },
      ]);
      const logged = await server.db.query<{ recipient: string }>("SELECT DISTINCT l.recipient FROM mail_log l JOIN mail_queue q ON q.id = l.mail_id WHERE q.request_id = $1", [requestId]);
      // The webhook's URL is a secret: the log names its host only.
      expect(logged).toEqual([{ recipient: `chat webhook at ${new URL(hook.url).host}` }]);
      await Promise.all([a.stop(), b.stop(), hook.close()]);
    });
  });
  describe('the weekly check-in by mail', () => {
    const DAY = 86_400_000;
    const HOUR = 3_600_000;
    const ZONE = 'Europe/Stockholm';
    const schedule = { weekday: 3, time: '08:30' };
    const CHECK_IN = /^Subject: Weekly check-in: /m;
    const unfolded = (raw: string) => raw.replace(/\r?\n[ \t]+/g, ' ');

    /** A recruiter with two requisitions of their own and one of a colleague's, and a hand-built pipeline on the first. */
    async function recruiterWithHistory() {
      const { members } = await teamWith(server.db, ['recruiter', 'recruiter', 'hiring_manager']);
      const [recruiter, colleague, hm] = members.map((m) => ({ ...m, api: as(server.app, m) }));
      const [platform, data, theirs] = [ulid(), ulid(), ulid()];
      const [ada, grace, alan] = [ulid(), ulid(), ulid()];
      const t0 = Date.now() - 3 * DAY;
      const saved = await recruiter!.api.push([
        { name: 'member.update', args: { memberId: recruiter!.member.id, timeZone: ZONE, checkInMail: schedule } },
        { name: 'requisition.save', args: { id: platform, title: 'Platform Engineer', hiringManagerId: hm!.member.id, recruiterIds: [recruiter!.member.id], stages: ['Sourced', 'Screen', 'Onsite'], at: t0 } },
        { name: 'requisition.save', args: { id: data, title: 'Data Engineer', hiringManagerId: hm!.member.id, recruiterIds: [recruiter!.member.id, colleague!.member.id], stages: ['Sourced'], at: t0 } },
        ...[ada, grace, alan].map((id, i) => ({ name: 'prospect.upsert', args: { id, identity: identity(`p-${id.toLowerCase()}`, ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'][i]), at: t0 } })),
        // Three sourced; Ada and Grace on to Screen; Grace on to Onsite.
        ...[ada, grace, alan].map((prospectId, i) => ({ name: 'pipeline.move', args: { prospectId, requisitionId: platform, stage: 'Sourced', at: t0 + i } })),
        { name: 'pipeline.move', args: { prospectId: ada, requisitionId: platform, stage: 'Screen', at: t0 + DAY } },
        { name: 'pipeline.move', args: { prospectId: grace, requisitionId: platform, stage: 'Screen', at: t0 + DAY } },
        { name: 'pipeline.move', args: { prospectId: grace, requisitionId: platform, stage: 'Onsite', at: t0 + 2 * DAY } },
      ]);
      expect(saved.rejected).toEqual([]);
      const other = await colleague!.api.push([{ name: 'requisition.save', args: { id: theirs, title: 'Colleague’s Role', hiringManagerId: hm!.member.id, recruiterIds: [colleague!.member.id], stages: ['Sourced'], at: t0 } }]);
      expect(other.rejected).toEqual([]);
      // The first check-in slot after now (a Wednesday, 08:30 in Stockholm).
      const slot = lastCheckInSlot(schedule, Date.now() + 7 * DAY, ZONE).at;
      return { recruiter: recruiter!, colleague: colleague!, slot };
    }

    it('mails the recruiter each requisition’s check-in once at their weekday and time, with the figures of its history, and never before', async () => {
      const { recruiter, colleague, slot } = await recruiterWithHistory();
      const { a, b, tick } = twoProcesses(slot - 60_000);
      const checkIns = () => mailTo(recruiter.member.email).filter((m) => CHECK_IN.test(unfolded(m.raw)));
      await tick(slot - 60_000);
      expect(checkIns()).toHaveLength(0);
      await tick(slot);
      const mails = checkIns();
      expect(mails.map((m) => /^Subject: Weekly check-in: ([^(]*) \(/m.exec(unfolded(m.raw))?.[1]).sort()).toEqual(['Data Engineer', 'Platform Engineer']);
      const platform = mails.find((m) => unfolded(m.raw).includes('Subject: Weekly check-in: Platform Engineer'))!;
      expect(platform.raw).toMatch(/text\/plain/);
      expect(platform.raw).toMatch(/text\/html/);
      const text = platform.raw;
      // Sourced: Ada, Grace and Alan, two moved on and none dropped, Alan still there; Screen: Ada and Grace, Grace moved on; Onsite: Grace.
      expect(text).toMatch(/^\| Sourced \| 1 \| 100% \(2 of 2\) \| 1 \| Alan Turing, [\d.]+ days \|$/m);
      expect(text).toMatch(/^\| Screen \| 1 \| 100% \(1 of 1\) \| 1 \| Ada Lovelace, [\d.]+ days \|$/m);
      expect(text).toMatch(/^\| Onsite \| 1 \| {2}\| [^|]+ \| Grace Hopper, [\d.]+ days \|$/m);
      // Alan waits longer in Sourced than the one day its moves took: the recruiter is to act.
      expect(text).toMatch(/Move on or close Alan Turing: [\d.]+ days in Sourced \(median 1\)/);
      // It stands alone: no link to the dashboard, the extension or anywhere else.
      expect(text).not.toMatch(/https?:\/\/|chrome-extension:|dashboard\.html/);
      expect(mailTo(colleague.member.email).filter((m) => CHECK_IN.test(unfolded(m.raw)))).toHaveLength(0);
      // Later that day, and from two processes: not again.
      await tick(slot + 3 * HOUR);
      expect(checkIns()).toHaveLength(2);
      // The next week: once more.
      await tick(slot + 7 * DAY - 60_000);
      expect(checkIns()).toHaveLength(2);
      await tick(slot + 7 * DAY);
      expect(checkIns()).toHaveLength(4);
      await Promise.all([a.stop(), b.stop()]);
      expect(await server.db.query("SELECT count(*)::int AS n FROM mail_queue WHERE reviewer_id = $1 AND kind = 'check_in'", [recruiter.member.id])).toEqual([{ n: 4 }]);
    });

    it('sends none once the recruiter opts out', async () => {
      const { recruiter, slot } = await recruiterWithHistory();
      expect((await recruiter.api.push([{ name: 'member.update', args: { memberId: recruiter.member.id, checkInMail: null } }])).rejected).toEqual([]);
      const s = sender(smtp.url, () => slot + HOUR);
      await s.queueReminders();
      await s.drain();
      await s.whenIdle();
      await s.stop();
      expect(mailTo(recruiter.member.email).filter((m) => CHECK_IN.test(unfolded(m.raw)))).toHaveLength(0);
      expect(await server.db.query("SELECT 1 FROM mail_queue WHERE reviewer_id = $1 AND kind = 'check_in'", [recruiter.member.id])).toEqual([]);
    });
  });
});
