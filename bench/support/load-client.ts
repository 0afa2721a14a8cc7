// One simulated member's device for the load bench: what the extension sends over the wire
// (named mutations in pushes, paged pulls), without its database, so one Node process can play
// hundreds of them. It keeps just enough of what it pulls to act as the member would: the
// people it knows, its own notes, the requisitions, the reviews waiting for it.
import { ulid } from 'ulidx';
import type { z } from 'zod';
import {
  ActivityLogArgs,
  DEFAULT_STAGES,
  ENTITY_SCHEMAS,
  NoteAddArgs,
  NoteEditArgs,
  type Note,
  type Prospect,
  type ProspectIdentity,
  ProspectUpsertArgs,
  type PullRow,
  PullResponse,
  PushResponse,
  type Rejection,
  type Requisition,
  RequisitionSaveArgs,
  ReviewDecideArgs,
  type ReviewDecision,
  type ReviewRequest,
  ReviewRequestArgs,
  type Role,
  SetDoNotContactArgs,
} from '@/lib/model';
import type { Ledger } from './load-ledger';
import { type LoadHttp, RequestRefused } from './load-http';

export interface LoadMember {
  teamId: string;
  memberId: string;
  role: Role;
  token: string;
}

/** The mutations a member's day is made of, with the schemas their arguments are built with. */
const ARGS = {
  'prospect.upsert': ProspectUpsertArgs,
  'activity.log': ActivityLogArgs,
  'note.add': NoteAddArgs,
  'note.edit': NoteEditArgs,
  'prospect.setDoNotContact': SetDoNotContactArgs,
  'requisition.save': RequisitionSaveArgs,
  'review.request': ReviewRequestArgs,
  'review.decide': ReviewDecideArgs,
};
type Name = keyof typeof ARGS;
interface Queued {
  id: number;
  name: Name;
  args: Record<string, unknown>;
}

/**
 * Chance of each action on one profile visit, by role. Sourcers find people and write notes,
 * recruiters reach out and send batches for review, hiring managers mostly review.
 */
const HABITS: Record<Role, { outreach: number; reply: number; note: number; edit: number; doNotContact: number; sendForReview: number }> = {
  sourcer: { outreach: 0.25, reply: 0.05, note: 0.35, edit: 0.1, doNotContact: 0, sendForReview: 0.04 },
  recruiter: { outreach: 0.35, reply: 0.1, note: 0.2, edit: 0.05, doNotContact: 0.02, sendForReview: 0.08 },
  admin: { outreach: 0.15, reply: 0.05, note: 0.15, edit: 0.05, doNotContact: 0.03, sendForReview: 0.02 },
  hiring_manager: { outreach: 0, reply: 0, note: 0.2, edit: 0.05, doNotContact: 0, sendForReview: 0 },
};
/** Reading a profile before acting on it; then the worker's push delay after the last write. */
const READING_MS = [1000, 3000] as const;
const PUSH_DELAY_MS = 750;
/** The worker's alarm: a pull when nothing was pulled for this long. */
const PULL_TIMER_MS = 30_000;
const PULL_LIMIT = 1000;
const PUSH_BATCH = 100;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const between = (min: number, max: number) => min + Math.random() * (max - min);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const chance = (p: number) => Math.random() < p;

const NOTE_LINES = [
  'Strong Postgres background, led a migration off MySQL at scale.',
  'Open to a move in Q3; prefers hybrid, two days in the office.',
  'Talked at the meetup: knows the team from their last job.',
  'Salary expectation above band; check with the hiring manager first.',
  'Rust and Go in production; on-call experience. Référence: Zoë Müller.',
  'Replied on InMail: not now, ask again after the launch in March.',
  '候选人对分布式系统很熟悉 — follow up in Mandarin or English.',
  'Great GitHub history, thoughtful code reviews.\nAsk about the payments outage.',
];
const SCORECARD = ['Go or Rust in production', 'Postgres at scale', 'On-call experience', 'Mentoring'];

export class LoadClient {
  readonly clientId = `load-${ulid()}`;
  /** `kind:id` of every row the device holds, to check it converged at the end. */
  readonly view = new Set<string>();
  readonly rejections: Rejection[] = [];
  /** Rows a pull sent that the extension's schemas refuse (the extension would skip them). */
  unreadableRows = 0;
  /** Mutations a push refused for good (4xx): never acknowledged, so not expected. */
  dropped = 0;
  /** Requests sent (pull pages each count), and mutations the server acknowledged and did not refuse. */
  pushes = 0;
  pulls = 0;
  mutations = 0;

  private nextMutationId = 1;
  private readonly outbox: Queued[] = [];
  /** Acknowledged by a push; counted as written once a pull's rejections say they were not refused. */
  private readonly unconfirmed: Queued[] = [];
  private readonly refusedIds = new Set<number>();
  private cursor = 0;
  private rejectionsSince = 0;
  private lastPullAt = 0;
  private readonly known = new Map<string, string>();
  private readonly viewed = new Set<string>();
  private readonly sentForReview = new Set<string>();
  private readonly myNotes = new Map<string, string>();
  private readonly requisitions = new Map<string, Requisition>();
  private readonly waitingForMe = new Map<string, ReviewRequest>();
  private readonly decided = new Set<string>();
  private requisitionsOpened = false;

  constructor(
    readonly member: LoadMember,
    public http: LoadHttp,
    private readonly ledger: Ledger,
    private readonly world: {
      people: readonly ProspectIdentity[];
      /** How many of `people` the whole team keeps meeting (the current search). */
      hotPeople: number;
      /** Hiring managers of the team, when this member opens the team's requisitions; else empty. */
      opensRequisitionsFor: string[];
      visitEveryMs: number;
    },
  ) {}

  /** Visits profiles (or the review page), about one per `visitEveryMs`, until `until`. */
  async run(until: number): Promise<void> {
    let next = Date.now() + Math.random() * this.world.visitEveryMs;
    for (;;) {
      await this.idleUntil(Math.min(next, until));
      if (Date.now() >= until) return;
      await this.visit();
      next += this.world.visitEveryMs * between(0.5, 1.5);
    }
  }

  /** Waits, pulling when the worker's alarm would. */
  private async idleUntil(time: number) {
    while (Date.now() < time) {
      const alarm = this.lastPullAt + PULL_TIMER_MS;
      if (alarm <= Date.now()) await this.pull();
      else await sleep(Math.min(time, alarm) - Date.now());
    }
  }

  private async visit() {
    await this.pull(); // the sidebar (or the review page) opens and asks for the news
    await sleep(between(...READING_MS));
    const at = Date.now();
    if (!this.requisitionsOpened && this.world.opensRequisitionsFor.length) this.openRequisitions(at);
    if (!(this.member.role === 'hiring_manager' && this.reviewOne(at))) this.onProfile(at);
    await sleep(PUSH_DELAY_MS);
    await this.sync();
  }

  private openRequisitions(at: number) {
    this.requisitionsOpened = true;
    for (const [i, hiringManagerId] of this.world.opensRequisitionsFor.entries()) {
      this.queue('requisition.save', {
        title: `${pick(['Senior', 'Staff', 'Principal'])} Backend Engineer, team ${i + 1}`,
        hiringManagerId,
        recruiterIds: [this.member.memberId],
        mustHaves: SCORECARD.slice(0, 3),
        niceToHaves: SCORECARD.slice(3),
        stages: DEFAULT_STAGES,
        at,
      });
    }
  }

  /** A hiring manager on the review page: one decision, if anything waits for them. */
  private reviewOne(at: number): boolean {
    for (const request of this.waitingForMe.values()) {
      const prospectId = request.prospectIds.find((p) => !this.decided.has(`${request.id}:${p}`));
      if (!prospectId) continue;
      const items = this.requisitions.get(request.requisitionId)?.mustHaves ?? [];
      const verdict = chance(0.6) ? 'approve' : 'reject';
      const met = items.filter(() => chance(verdict === 'approve' ? 0.8 : 0.3));
      this.queue('review.decide', {
        requestId: request.id,
        prospectId,
        verdict,
        met,
        missing: items.filter((i) => !met.includes(i)),
        note: chance(0.4) ? pick(NOTE_LINES) : '',
        at,
      });
      this.decided.add(`${request.id}:${prospectId}`);
      return true;
    }
    return false;
  }

  /** A profile opens: the person is recorded and viewed, then whatever the member's role does there. */
  private onProfile(at: number) {
    const person = chance(0.6) ? this.world.people[Math.floor(Math.random() * this.world.hotPeople)]! : pick(this.world.people);
    let prospectId = this.known.get(person.key);
    if (!prospectId) {
      prospectId = String(this.queue('prospect.upsert', { identity: person, at }).id);
      this.known.set(person.key, prospectId);
    }
    // The extension logs a view once per member, person and day.
    if (!this.viewed.has(person.key)) {
      this.viewed.add(person.key);
      this.queue('activity.log', { prospectId, kind: 'viewed', at });
    }
    const habit = HABITS[this.member.role];
    if (chance(habit.outreach)) this.queue('activity.log', { prospectId, kind: 'outreach', data: { channel: pick(['inmail', 'inmail', 'email', 'call'] as const) }, at });
    if (chance(habit.reply)) this.queue('activity.log', { prospectId, kind: 'reply', data: { interest: pick(['replied', 'interested', 'not_interested'] as const) }, at });
    if (chance(habit.note)) {
      const note = this.queue('note.add', { prospectId, body: pick(NOTE_LINES), visibility: chance(0.15) ? 'private' : 'team', at });
      this.myNotes.set(String(note.id), String(note.body));
    }
    if (chance(habit.edit) && this.myNotes.size) {
      const id = pick([...this.myNotes.keys()]);
      const body = `${this.myNotes.get(id)!} Update: ${pick(NOTE_LINES)}`.slice(0, 2000);
      this.queue('note.edit', { id, body, at });
      this.myNotes.set(id, body);
    }
    if (chance(habit.doNotContact)) this.queue('prospect.setDoNotContact', { prospectId, reason: 'Asked not to be contacted again', at });
    if (chance(habit.sendForReview)) this.sendForReview(at);
  }

  /** A batch of 3–5 people this member viewed, to the hiring manager of an open requisition. */
  private sendForReview(at: number) {
    const requisition = [...this.requisitions.values()].filter((r) => r.status === 'open' && r.hiringManagerId !== this.member.memberId);
    const people = [...this.viewed].map((key) => this.known.get(key)!).filter((id) => !this.sentForReview.has(id));
    if (!requisition.length || people.length < 3) return;
    const batch = people.sort(() => Math.random() - 0.5).slice(0, 3 + Math.floor(Math.random() * 3));
    for (const id of batch) this.sentForReview.add(id);
    const { id: requisitionId, hiringManagerId } = pick(requisition);
    this.queue('review.request', { requisitionId, reviewerId: hiringManagerId, prospectIds: batch, activityIds: batch.map(() => ulid()), message: 'Strong backend profiles for this role.', at });
  }

  private queue<N extends Name>(name: N, input: z.input<(typeof ARGS)[N]>): Record<string, unknown> {
    const args = ARGS[name].parse(input) as Record<string, unknown>;
    this.outbox.push({ id: this.nextMutationId++, name, args });
    return args;
  }

  /** What the worker does after a write: push everything pending, then pull. */
  async sync() {
    await this.pushAll();
    await this.pull();
  }

  async pushAll() {
    while (this.outbox.length) {
      const batch = this.outbox.slice(0, PUSH_BATCH);
      let res: PushResponse;
      try {
        res = PushResponse.parse(await this.http.request('push', '/v1/push', this.member.token, { clientId: this.clientId, mutations: batch }));
      } catch (e) {
        if (!(e instanceof RequestRefused)) throw e;
        this.dropped += batch.length;
        this.outbox.splice(0, batch.length);
        continue;
      }
      this.pushes++;
      for (const r of res.rejected) this.refuse(r);
      const acked = batch.filter((m) => m.id <= res.lastMutationId);
      this.mutations += acked.filter((m) => !this.refusedIds.has(m.id)).length;
      this.outbox.splice(0, acked.length);
      this.unconfirmed.push(...acked);
      if (acked.length < batch.length) return; // the server kept some back: the next sync sends them again
    }
  }

  /** Every page since the cursor. */
  async pull() {
    for (;;) {
      const q = new URLSearchParams({ clientId: this.clientId, cursor: String(this.cursor), limit: String(PULL_LIMIT), since: String(this.rejectionsSince) });
      const page = PullResponse.parse(await this.http.request('pull', `/v1/pull?${q}`, this.member.token));
      this.pulls++;
      for (const row of page.rows) this.take(row);
      for (const r of page.rejections) this.refuse(r);
      this.confirm(page.lastMutationId);
      this.cursor = page.cursor;
      this.rejectionsSince = Math.max(this.rejectionsSince, page.lastMutationId);
      if (!page.more) break;
    }
    this.lastPullAt = Date.now();
  }

  private refuse(r: Rejection) {
    if (this.refusedIds.has(r.mutationId)) return;
    this.refusedIds.add(r.mutationId);
    this.rejections.push(r);
  }

  /**
   * A retried push does not repeat an earlier attempt's rejections; a pull reports every one up
   * to its `lastMutationId`. Only then is an acknowledged mutation known to have been written.
   */
  private confirm(lastMutationId: number) {
    while (this.unconfirmed.length && this.unconfirmed[0]!.id <= lastMutationId) {
      const m = this.unconfirmed.shift()!;
      if (this.refusedIds.has(m.id)) continue;
      this.ledger.acked(this.member, m.name, m.args);
    }
  }

  private take(row: PullRow) {
    const key = `${row.kind}:${row.id}`;
    if (row.doc === null) {
      this.view.delete(key);
      return;
    }
    const parsed = ENTITY_SCHEMAS[row.kind].safeParse(row.doc);
    if (!parsed.success) {
      this.unreadableRows++;
      return;
    }
    this.view.add(key);
    const me = this.member.memberId;
    switch (row.kind) {
      case 'prospect':
        for (const p of (parsed.data as Prospect).profiles) this.known.set(p.key, row.id);
        break;
      case 'note': {
        const note = parsed.data as Note;
        if (note.authorId === me && note.deletedAt === null) this.myNotes.set(note.id, note.body);
        break;
      }
      case 'requisition':
        this.requisitions.set(row.id, parsed.data as Requisition);
        break;
      case 'review_request': {
        const request = parsed.data as ReviewRequest;
        if (request.reviewerId === me && request.status === 'open') this.waitingForMe.set(row.id, request);
        else this.waitingForMe.delete(row.id);
        break;
      }
      case 'review_decision': {
        const decision = parsed.data as ReviewDecision;
        if (decision.deletedAt === null) this.decided.add(`${decision.requestId}:${decision.prospectId}`);
        break;
      }
    }
  }
}
