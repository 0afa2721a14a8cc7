import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { ulid } from 'ulidx';
import type { OfferDeclineReason, OutreachChannel, PipelineStatus, ProspectIdentity } from '@/lib/model';
import * as W from './demo-data';
import type { DemoMemberKey, DemoRequisition } from './demo-data';

/** One change a demo member pushes: a named mutation, its arguments and when it happened. */
export interface DemoMutation {
  author: DemoMemberKey;
  name: string;
  args: Record<string, unknown> & { at: number };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A moment that lies past the end of the story (now, or a requisition's close): the journey stops there. */
class PastTheEnd extends Error {}

/**
 * What happens to one person in a requisition, when the story needs it rather than chance: they
 * pass every step before `outcome`'s stage and then meet it (`lost`: withdrew while their review
 * was overdue; `waiting`: still waiting now, on the review sent at `reviewAt` or at the offer).
 * `endsAt` holds the outcome back until then (so a hire lands on a chosen day), `reviewAt`
 * sends the review then, `movesBack` takes one step back after the onsite.
 */
interface Script {
  outcome: 'hired' | { declined: OfferDeclineReason } | { rejected: number } | 'lost' | 'waiting';
  endsAt?: number;
  reviewAt?: number;
  movesBack?: boolean;
}

interface ReviewAsk {
  requisition: DemoRequisition;
  requester: DemoMemberKey;
  prospectId: string;
  at: number;
  decision: { at: number; verdict: 'approve' | 'reject'; met: string[]; missing: string[]; note: string } | null;
}

/**
 * Twelve weeks of a recruiting team's history up to `now`, as the mutations its members would
 * have pushed, in the order they happened. Deterministic for a `seed` and `now`: names, times,
 * outcomes and even ids come from seeded generators. `memberIds` are the demo members' ids on
 * the server.
 */
const isWeekday = (day: number) => day !== 0 && day !== 6;

/** `t` (whole milliseconds) when it is in working hours (weekdays, 8:00 to 18:00 UTC), else null. */
function inWorkingHours(t: number): number | null {
  const d = new Date(t);
  return isWeekday(d.getUTCDay()) && d.getUTCHours() >= 8 && d.getUTCHours() < 18 ? d.getTime() : null;
}

/** 8:00 UTC on the first working day after `t` (out of working hours): the same day before 8:00. */
function nextWorkingMorning(t: number): number {
  const d = new Date(t);
  let day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + (d.getUTCHours() < 8 ? 0 : 1));
  while (!isWeekday(new Date(day).getUTCDay())) day += DAY;
  return day + 8 * HOUR;
}

export function demoHistory({ now, seed = 7, memberIds }: { now: number; seed?: number; memberIds: Record<DemoMemberKey, string> }): DemoMutation[] {
  return new DemoStory(now, seed, memberIds).tell();
}

class DemoStory {
  private readonly rng;
  private readonly idRng;
  private readonly out: DemoMutation[] = [];
  private readonly asks: ReviewAsk[] = [];
  private readonly names = new Set<string>();
  /** The requisitions' ids, and where each person's entry stands (for closing a requisition). */
  private readonly reqIds = new Map<DemoRequisition['key'], string>();
  private readonly entries = new Map<string, { requisition: DemoRequisition; prospectId: string; stage: string; status: PipelineStatus }>();
  private readonly hires = new Map<DemoRequisition['key'], number>();
  /** Until when the journeys being told may run. */
  private end = 0;

  constructor(
    private readonly now: number,
    seed: number,
    private readonly memberIds: Record<DemoMemberKey, string>,
  ) {
    this.rng = xoroshiro128plus(seed);
    this.idRng = xoroshiro128plus(seed ^ 0x5eed);
  }

  tell(): DemoMutation[] {
    const [payments, platform, design] = W.DEMO_REQUISITIONS as [DemoRequisition, DemoRequisition, DemoRequisition];
    for (const req of W.DEMO_REQUISITIONS) this.open(req);
    const now = this.now - MINUTE;
    const ago = (days: number) => this.work(this.now - days * DAY);

    // The design role: filled about three weeks ago and closed; those who reached the last rounds are its silver medalists.
    const hiredAt = ago(23);
    const closeAt = this.later(hiredAt, 2, 3);
    this.end = closeAt - 3 * HOUR;
    this.journey(design, ago(80), { outcome: 'hired', endsAt: hiredAt });
    this.journey(design, ago(79), { outcome: { declined: 'another_offer' }, endsAt: hiredAt - 4 * DAY });
    this.journey(design, ago(78), { outcome: { rejected: 5 }, endsAt: hiredAt - 2 * DAY });
    this.journey(design, ago(76), { outcome: { rejected: 5 }, endsAt: hiredAt - DAY });
    this.randomJourneys(design, ago(design.openedDaysAgo - 1), closeAt - 12 * DAY);
    this.close(design, closeAt);

    this.end = now;
    // Payments: a hire last week (after a step back at the onsite), an offer declined over pay, one at offer now.
    this.journey(payments, ago(75), { outcome: 'hired', endsAt: ago(8), movesBack: true });
    this.journey(payments, ago(72), { outcome: { declined: 'compensation' }, endsAt: ago(30) });
    this.journey(payments, ago(60), { outcome: 'waiting' });
    this.journey(payments, ago(30), { outcome: 'waiting', reviewAt: this.now - 5 * HOUR });
    this.randomJourneys(payments, ago(payments.openedDaysAgo - 1), now - 2 * DAY);

    // Platform: its hiring manager is slow. One person gave up waiting; two reviews are overdue now.
    this.journey(platform, ago(66), { outcome: 'lost', reviewAt: ago(40) });
    this.journey(platform, ago(64), { outcome: { declined: 'counter_offer' }, endsAt: ago(12) });
    this.journey(platform, ago(26), { outcome: 'waiting', reviewAt: ago(7) });
    this.journey(platform, ago(24), { outcome: 'waiting', reviewAt: ago(5) });
    this.randomJourneys(platform, ago(platform.openedDaysAgo - 1), now - 2 * DAY);

    this.looking(ago(83), now);
    this.sendReviews(closeAt);
    // Stable: what happened at the same moment stays in the order it was told.
    return this.out.map((m, i) => ({ m, i })).sort((a, b) => a.m.args.at - b.m.args.at || a.i - b.i).map(({ m }) => m);
  }

  // Chance.

  private int(a: number, b: number): number {
    return uniformInt(this.rng, a, b);
  }
  private chance(p: number): boolean {
    return uniformFloat64(this.rng) < p;
  }
  private pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)]!;
  }
  private between(lo: number, hi: number): number {
    return lo + uniformFloat64(this.rng) * (hi - lo);
  }
  private id(at: number): string {
    return ulid(at, () => uniformFloat64(this.idRng));
  }

  /**
   * A moment in working hours (weekdays, 8:00 to 18:00 UTC) at or after `t`: `t` itself when it
   * is in them, else some time in the next working day, not all at 8:00 (what would have
   * happened overnight or at the weekend is spread over the day people do it).
   */
  private work(t: number): number {
    return inWorkingHours(t) ?? nextWorkingMorning(t) + this.int(0, 9) * HOUR + this.int(0, 59) * MINUTE;
  }
  private later(t: number, loDays: number, hiDays: number): number {
    return this.work(t + this.between(loDays, hiDays) * DAY);
  }

  // Writing it down.

  private emit(author: DemoMemberKey, name: string, args: Record<string, unknown> & { at: number }): void {
    if (args.at > this.end) throw new PastTheEnd();
    this.out.push({ author, name, args });
  }

  private open(req: DemoRequisition): void {
    // Not spread over the day as other work is: a journey starting that day must come after it.
    const opening = this.now - req.openedDaysAgo * DAY;
    const at = inWorkingHours(opening) ?? nextWorkingMorning(opening);
    const id = this.id(at);
    this.reqIds.set(req.key, id);
    this.end = at;
    this.emit(req.recruiters[0]!, 'requisition.save', { ...this.intake(req, id), at });
  }

  private intake(req: DemoRequisition, id: string) {
    return {
      id,
      title: req.title,
      hiringManagerId: this.memberIds[req.hiringManager],
      recruiterIds: req.recruiters.map((r) => this.memberIds[r]),
      mustHaves: [...req.mustHaves],
      niceToHaves: [...req.niceToHaves],
      feedbackSlaHours: req.feedbackSlaHours,
      targetHires: req.targetHires,
      targetDate: Date.UTC(new Date(this.now).getUTCFullYear(), new Date(this.now).getUTCMonth(), new Date(this.now).getUTCDate() + req.targetInDays),
      stages: [...req.stages],
    };
  }

  /** A made-up person with a LinkedIn profile: a name nobody else in the demo has. */
  private person(titles: readonly string[]): ProspectIdentity {
    let name: string;
    do name = `${this.pick(W.FIRST_NAMES)} ${this.pick(W.LAST_NAMES)}`;
    while (this.names.has(name));
    this.names.add(name);
    const slug = `${name.toLowerCase().replace(/[^a-z]+/g, '-')}-${this.int(0x100000, 0xffffff).toString(16)}`;
    const company = this.pick(W.COMPANIES);
    return { site: 'linkedin', key: `linkedin:${slug}`, url: `https://www.linkedin.com/in/${slug}/`, name, headline: `${this.pick(titles)} at ${company}`, company, location: this.pick(W.PLACES) };
  }

  /** A member finds someone on LinkedIn: the person is recorded and the view logged. */
  private found(who: DemoMemberKey, identity: ProspectIdentity, at: number): string {
    const id = this.id(at);
    this.emit(who, 'prospect.upsert', { id, identity, at });
    this.emit(who, 'activity.log', { id: this.id(at), prospectId: id, kind: 'viewed', data: {}, at });
    return id;
  }

  private log(who: DemoMemberKey, prospectId: string, at: number, kind: 'viewed' | 'outreach' | 'reply', data: Record<string, unknown>, requisitionId: string | null = null): void {
    this.emit(who, 'activity.log', { id: this.id(at), prospectId, kind, data, requisitionId, at });
  }

  private note(who: DemoMemberKey, prospectId: string, body: string, at: number, visibility: 'team' | 'private' = 'team'): void {
    this.emit(who, 'note.add', { id: this.id(at), prospectId, body, visibility, at });
  }

  private move(who: DemoMemberKey, req: DemoRequisition, prospectId: string, at: number, stage: string, status: PipelineStatus = 'active', reason: string | null = null, declinedOffer: OfferDeclineReason | null = null): void {
    const requisitionId = this.reqIds.get(req.key)!;
    this.emit(who, 'pipeline.move', { prospectId, requisitionId, stage, status, reason, declinedOffer, activityId: this.id(at), at });
    this.entries.set(`${req.key}:${prospectId}`, { requisition: req, prospectId, stage, status });
  }

  // The stories.

  /** `req.people` people sourced into `req` at random moments from `from` to `to`, each meeting what chance gives them. */
  private randomJourneys(req: DemoRequisition, from: number, to: number): void {
    for (let i = 0; i < req.people; i++) this.journey(req, this.work(this.between(from, to)), null);
  }

  /**
   * One person's way through a requisition, from being found to an outcome, as far as it got
   * before the end of the story (later steps have not happened yet, so they stay where they are).
   */
  private journey(req: DemoRequisition, start: number, script: Script | null): void {
    try {
      this.walk(req, start, script);
    } catch (e) {
      if (!(e instanceof PastTheEnd)) throw e;
    }
  }

  private walk(req: DemoRequisition, start: number, script: Script | null): void {
    const S = req.stages;
    const sourcer = this.pick(req.sourcers);
    const recruiter = this.pick(req.recruiters);
    const requisitionId = this.reqIds.get(req.key)!;
    // How this step ends: what the script says once its stage is reached, otherwise chance.
    const scripted = (stage: number) => (script && typeof script.outcome === 'object' && 'rejected' in script.outcome && script.outcome.rejected === stage ? ('rejected' as const) : script ? ('pass' as const) : null);
    const ending = (t: number) => (script?.endsAt && script.endsAt > t ? this.work(script.endsAt) : t);

    let t = start;
    const prospectId = this.found(sourcer, this.person(req.words.titles), t);
    if (this.chance(0.3)) this.note(sourcer, prospectId, this.pick(W.SOURCING_NOTES), t + 5 * MINUTE);
    t = this.work(t + this.between(0.2, 3) * HOUR);
    this.move(sourcer, req, prospectId, t, S[0]!);

    // Contacted: half never answer, some are not looking, the rest reply.
    t = this.later(t, 0.3, 3);
    const contacter = this.chance(0.6) ? sourcer : recruiter;
    this.log(contacter, prospectId, t, 'outreach', { channel: this.pick<OutreachChannel>(['inmail', 'inmail', 'email']) }, requisitionId);
    this.move(contacter, req, prospectId, t, S[1]!);
    const answer = script ? 'interested' : this.chance(0.35) ? 'none' : this.chance(0.2) ? 'not_interested' : 'interested';
    if (answer === 'none') {
      t = this.later(t, 6, 9);
      this.log(contacter, prospectId, t, 'outreach', { channel: 'email' }, requisitionId);
      this.move(contacter, req, prospectId, this.later(t, 7, 10), S[1]!, 'withdrew', W.NO_REPLY);
      return;
    }
    t = this.later(t, 0.5, 5);
    this.log(contacter, prospectId, t, 'reply', { interest: answer }, requisitionId);
    if (answer === 'not_interested') {
      this.move(contacter, req, prospectId, t + 10 * MINUTE, S[1]!, 'withdrew', W.NOT_INTERESTED);
      return;
    }
    this.move(contacter, req, prospectId, t + 10 * MINUTE, S[2]!);

    // Recruiter screen, sometimes rescheduled (a step back), then a review by the hiring manager.
    t = this.later(t, 1, 4);
    this.move(recruiter, req, prospectId, t, S[3]!);
    this.log(recruiter, prospectId, t, 'viewed', {});
    if (!script && this.chance(0.1)) t = this.stepBack(recruiter, req, prospectId, t, S[3]!, S[2]!, 'Screen postponed: waiting for their new availability');
    t = this.later(t, 1, 4);
    if (this.ended(recruiter, req, prospectId, t, S[3]!, scripted(3) ?? this.fate(0.22), req.words.screenRejections)) return;
    if (this.chance(0.5)) this.note(recruiter, prospectId, this.pick(W.SCREEN_NOTES), t);
    if (this.chance(0.08)) this.note(recruiter, prospectId, W.PRIVATE_NOTES[0]!, t + MINUTE, 'private');

    const askedAt = script?.reviewAt !== undefined && script.reviewAt > t ? script.reviewAt : this.nextReviewSlot(t);
    const ask: ReviewAsk = { requisition: req, requester: recruiter, prospectId, at: askedAt, decision: null };
    if (askedAt > this.end) return;
    this.asks.push(ask);
    const [lo, hi] = W.FEEDBACK_HOURS[req.hiringManager]!;
    let decidedAt = this.work(askedAt + this.between(lo, hi) * HOUR);
    if (script?.outcome === 'lost') {
      // They took another offer while the review sat past its deadline; the verdict came after.
      const dueAt = askedAt + req.feedbackSlaHours * HOUR;
      const gone = this.work(dueAt + this.between(20, 40) * HOUR);
      decidedAt = this.later(gone, 1, 3);
      ask.decision = { ...this.verdict(req, 'approve'), at: decidedAt, note: W.LATE_APPROVE_NOTE };
      this.move(recruiter, req, prospectId, gone, S[3]!, 'withdrew', W.LOST_WAITING);
      return;
    }
    if (script?.outcome === 'waiting' && script.reviewAt !== undefined) return;
    if (decidedAt > this.end) return;
    const approved = script ? true : !this.chance(req.hiringManager === 'omar' ? 0.4 : 0.3);
    ask.decision = { ...this.verdict(req, approved ? 'approve' : 'reject'), at: decidedAt };
    t = this.work(decidedAt + this.between(2, 24) * HOUR);
    if (!approved) return this.move(recruiter, req, prospectId, t, S[3]!, 'rejected', `Hiring manager passed: missing ${ask.decision.missing[0]!.toLowerCase()}`);
    this.move(recruiter, req, prospectId, t, S[4]!);

    // The hiring manager's own conversation (or the portfolio review), the onsite, the offer.
    t = this.later(t, 3, 8);
    if (this.ended(recruiter, req, prospectId, t, S[4]!, scripted(4) ?? this.fate(0.3), req.words.managerRejections)) return;
    this.move(recruiter, req, prospectId, t, S[5]!);
    if (script?.movesBack || (!script && this.chance(0.1))) t = this.stepBack(recruiter, req, prospectId, t, S[5]!, S[4]!, 'The panel asked for a second technical conversation first');
    t = this.later(t, 5, 12);
    if (this.ended(recruiter, req, prospectId, ending(t), S[5]!, scripted(5) ?? this.fate(0.45), req.words.finalRejections)) return;
    this.move(recruiter, req, prospectId, t, S[6]!);
    if (script?.outcome === 'waiting') return;

    t = ending(this.later(t, 3, 9));
    const hiredSoFar = this.hires.get(req.key) ?? 0;
    const outcome = script ? script.outcome : hiredSoFar < req.targetHires - 1 && this.chance(0.5) ? 'hired' : { declined: this.pick<OfferDeclineReason>(['compensation', 'another_offer', 'location_remote', 'timing']) };
    if (outcome === 'hired') {
      this.move(recruiter, req, prospectId, t, S[S.length - 1]!, 'hired');
      this.hires.set(req.key, hiredSoFar + 1);
    } else if (typeof outcome === 'object' && 'declined' in outcome) {
      this.move(recruiter, req, prospectId, t, S[6]!, 'withdrew', W.DECLINE_DETAILS[outcome.declined], outcome.declined);
    }
  }

  /** How a stay at a stage ends by chance: rejected with probability `rejected`, a few withdraw, the rest pass. */
  private fate(rejected: number): 'rejected' | 'withdrew' | 'pass' {
    return this.chance(rejected) ? 'rejected' : this.chance(0.05) ? 'withdrew' : 'pass';
  }

  /** Closes the entry at `stage` unless it passes: rejected for one of `rejections`, or withdrew. Whether it closed. */
  private ended(who: DemoMemberKey, req: DemoRequisition, prospectId: string, at: number, stage: string, how: 'rejected' | 'withdrew' | 'pass', rejections: readonly string[]): boolean {
    if (how === 'pass') return false;
    this.move(who, req, prospectId, at, stage, how, this.pick(how === 'rejected' ? rejections : W.WITHDRAWALS));
    return true;
  }

  /** A step back from `stage` to `back`, and forward again a few days later; when they are back at `stage`. */
  private stepBack(who: DemoMemberKey, req: DemoRequisition, prospectId: string, t: number, stage: string, back: string, reason: string): number {
    const backAt = this.later(t, 1, 3);
    this.move(who, req, prospectId, backAt, back, 'active', reason);
    const again = this.later(backAt, 2, 6);
    this.move(who, req, prospectId, again, stage);
    return again;
  }

  /** Reviews go out in batches on Tuesdays and Fridays at 10:00 UTC. */
  private nextReviewSlot(t: number): number {
    const d = new Date(t + HOUR);
    for (let i = 0; ; i++) {
      const slot = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + i, 10);
      const day = new Date(slot).getUTCDay();
      if ((day === 2 || day === 5) && slot > t) return slot;
    }
  }

  /** The scorecard a hiring manager ticks: an approval meets the must-haves; a rejection misses one or two, the first most often. */
  private verdict(req: DemoRequisition, verdict: 'approve' | 'reject') {
    const musts = [...req.mustHaves];
    if (verdict === 'approve') {
      const missing = this.chance(0.4) ? [this.pick(req.niceToHaves)] : [];
      return { verdict, met: [...musts, ...req.niceToHaves.filter((n) => !missing.includes(n))], missing, note: this.pick(W.APPROVE_NOTES) };
    }
    const first = this.chance(0.5) ? 0 : this.int(0, musts.length - 1);
    const missing = [musts[first]!, ...(this.chance(0.3) ? [musts[(first + 1) % musts.length]!] : [])];
    return { verdict, met: musts.filter((m) => !missing.includes(m)), missing, note: this.pick(W.REJECT_NOTES) };
  }

  /** The batches the recruiters sent and what the hiring managers decided, one request per recruiter, requisition and slot. */
  private sendReviews(closeAt: number): void {
    const batches = new Map<string, ReviewAsk[]>();
    for (const ask of this.asks) {
      const key = `${ask.requisition.key}:${ask.requester}:${ask.at}`;
      batches.set(key, [...(batches.get(key) ?? []), ask]);
    }
    for (const batch of batches.values()) {
      const { requisition: req, requester, at } = batch[0]!;
      const closes = req.key === 'design' ? closeAt : Infinity;
      const requestId = this.id(at);
      this.end = this.now;
      this.emit(requester, 'review.request', {
        id: requestId,
        requisitionId: this.reqIds.get(req.key)!,
        reviewerId: this.memberIds[req.hiringManager],
        prospectIds: batch.map((a) => a.prospectId),
        activityIds: batch.map(() => this.id(at)),
        message: batch.length > 1 ? `${batch.length} people from this week’s screens` : 'One more from this week’s screens',
        at,
      });
      let undecided = false;
      for (const { prospectId, decision } of batch) {
        if (!decision || decision.at >= closes) {
          undecided = true;
          continue;
        }
        this.emit(req.hiringManager, 'review.decide', { id: this.id(decision.at), requestId, prospectId, ...decision, activityId: this.id(decision.at), at: decision.at });
      }
      // Closing the role withdraws what still waits for a verdict.
      if (undecided && closes < Infinity) this.emit(requester, 'review.cancel', { requestId, at: closes - 2 * HOUR });
    }
  }

  /** The role is filled: everyone still in it is let go, then the requisition is closed. */
  private close(req: DemoRequisition, at: number): void {
    this.end = at;
    for (const entry of [...this.entries.values()]) {
      if (entry.requisition !== req || entry.status !== 'active') continue;
      this.move(req.recruiters[0]!, req, entry.prospectId, at - HOUR, entry.stage, 'rejected', W.ROLE_FILLED);
    }
    this.emit(req.recruiters[0]!, 'requisition.save', { ...this.intake(req, this.reqIds.get(req.key)!), status: 'closed', at });
  }

  /**
   * What the sourcers and recruiters looked at besides the requisitions: people viewed, some
   * contacted and answering, one who asked never to be contacted again.
   */
  private looking(from: number, to: number): void {
    const lookers: DemoMemberKey[] = ['sam', 'ines', 'sam', 'ines', 'riley', 'maya'];
    for (let i = 0; i < 48; i++) {
      const who = this.pick(lookers);
      let t = this.work(from + ((to - from) * (i + this.between(0, 1))) / 48);
      try {
        const id = this.found(who, this.person(W.OTHER_TITLES), t);
        if (this.chance(0.15)) this.note(who, id, this.pick(W.SOURCING_NOTES), t + MINUTE);
        if (this.chance(0.2)) this.log(this.pick(lookers), id, this.later(t, 1, 10), 'viewed', {});
        const asksNotToBeContacted = i === 20;
        if (!asksNotToBeContacted && !this.chance(0.55)) continue;
        t = this.later(t, 0.1, 2);
        this.log(who, id, t, 'outreach', { channel: this.pick<OutreachChannel>(['inmail', 'email', 'call']) });
        if (asksNotToBeContacted) {
          t = this.later(t, 1, 2);
          this.log(who, id, t, 'reply', { interest: 'not_interested' });
          this.emit('riley', 'prospect.setDoNotContact', { prospectId: id, reason: 'Asked not to be contacted again', activityId: this.id(t), at: t + 30 * MINUTE });
        } else if (this.chance(0.4)) {
          this.log(who, id, this.later(t, 0.5, 4), 'reply', { interest: this.pick(['replied', 'interested', 'not_interested'] as const) });
        }
      } catch (e) {
        if (!(e instanceof PastTheEnd)) throw e;
      }
    }
  }
}
