import { ulid } from 'ulidx';
import type { Member, ProspectIdentity, PushResponse, Role } from '@/lib/model';
import { canManageHiring, canRecruitFor, canRequestReview, erasureSuppressionId } from '@/lib/model';
import { type as, identity } from './server';

/** A signed-in member and their push/pull client. */
export interface Player {
  member: Member;
  api: ReturnType<typeof as>;
}

/**
 * The team a case runs in: `actor` has the role under test; `mates` are the other members who
 * made what the mutation acts on, each through their own mutations (so the data is what a real
 * team would have, and a refusal is the rule's, not missing data).
 */
export interface World {
  actor: Player;
  mates: { admin: Player; recruiter: Player; sourcer: Player; hm: Player; hm2: Player };
}

/** Why a situation cannot arise for a role (nobody with it can have made the data). */
export interface NotApplicable {
  notApplicable: string;
}

export interface AuthzCase {
  mutation: string;
  situation: string;
  /** Makes the data in the actor's team and returns the mutation's arguments. */
  setUp(w: World): Promise<object | NotApplicable>;
}

async function must(res: Promise<PushResponse>): Promise<void> {
  const { rejected } = await res;
  if (rejected.length) throw new Error(`fixture refused: ${rejected.map((r) => `${r.name}: ${r.reason}`).join('; ')}`);
}

const na = (notApplicable: string): NotApplicable => ({ notApplicable });
const NOT_A_REQUESTER = na('hiring managers do not send reviews');

async function person(w: World): Promise<string> {
  const id = ulid();
  await must(w.mates.sourcer.api.push([{ name: 'prospect.upsert', args: { id, identity: identity(`p-${id.toLowerCase()}`, 'Ada Lovelace'), at: 1 } }]));
  return id;
}

/** A Greenhouse candidate page that shows a name and an email. */
function greenhouseIdentity(): ProspectIdentity {
  const id = String(Math.floor(Math.random() * 1e9));
  return { site: 'greenhouse', key: `greenhouse:${id}`, url: `https://app.greenhouse.io/people/${id}`, name: 'Ada Lovelace', headline: null, company: null, location: null, emails: [`ada.${id}@engines.example`] };
}

/** A requisition opened by a recruiter; `patch` names its hiring manager or recruiters. */
async function requisition(w: World, patch: { hiringManagerId?: string; recruiterIds?: string[] } = {}): Promise<Record<string, unknown>> {
  const args = { id: ulid(), title: 'Staff Platform Engineer', hiringManagerId: w.mates.hm.member.id, recruiterIds: [w.mates.recruiter.member.id], mustHaves: ['Go'], stages: ['Sourced', 'Screen'], at: 1, ...patch };
  await must(w.mates.recruiter.api.push([{ name: 'requisition.save', args }]));
  return args;
}

/** A review of one person, sent by `by` to `to` for a requisition (a fresh one unless given). */
async function request(w: World, by: Player, to: Player, requisitionId?: string) {
  const requestId = ulid();
  const prospectId = await person(w);
  const forRole = requisitionId ?? ((await requisition(w)).id as string);
  await must(by.api.push([{ name: 'review.request', args: { id: requestId, requisitionId: forRole, reviewerId: to.member.id, prospectIds: [prospectId], activityIds: [ulid()], at: 2 } }]));
  return { requestId, prospectId, requisitionId: forRole };
}

async function decision(w: World, by: Player, reviewer: Player) {
  const { requestId, prospectId } = await request(w, by, reviewer);
  const id = ulid();
  await must(reviewer.api.push([{ name: 'review.decide', args: { id, requestId, prospectId, verdict: 'approve', activityId: ulid(), at: 3 } }]));
  return id;
}

/** Outreach `by` logged on a person. */
async function logged(w: World, by: Player) {
  const id = ulid();
  await must(by.api.push([{ name: 'activity.log', args: { id, prospectId: await person(w), kind: 'outreach', data: { channel: 'call' }, at: 2 } }]));
  return id;
}

async function note(w: World, author: Player, deleted = false) {
  const id = ulid();
  const prospectId = await person(w);
  await must(author.api.push([{ name: 'note.add', args: { id, prospectId, body: 'Strong on Postgres', at: 2 } }]));
  if (deleted) await must(author.api.push([{ name: 'note.delete', args: { id, at: 3 } }]));
  return id;
}

async function followUp(w: World, owner: Player) {
  const id = ulid();
  await must(owner.api.push([{ name: 'followup.set', args: { id, prospectId: await person(w), dueAt: 10_000, at: 2 } }]));
  return id;
}

async function savedSearch(w: World, owner: Player) {
  const id = ulid();
  await must(owner.api.push([{ name: 'search.save', args: { id, name: 'Silver medalists', query: { text: 'kotlin', filters: { silverMedalists: true } }, at: 2 } }]));
  return id;
}

/** A person a sourcer added to a fresh requisition at its first stage. */
async function inPipeline(w: World) {
  const prospectId = await person(w);
  const req = await requisition(w);
  await must(w.mates.sourcer.api.push([{ name: 'pipeline.move', args: { prospectId, requisitionId: req.id, stage: 'Sourced', activityId: ulid(), at: 2 } }]));
  return { prospectId, req };
}

/** A person a recruiter erased: the suppression entry it left. */
async function erased(w: World) {
  const prospectId = await person(w);
  await must(w.mates.recruiter.api.push([{ name: 'prospect.erase', args: { prospectId, confirmName: 'Ada Lovelace', at: 3 } }]));
  return { prospectId, suppressionId: erasureSuppressionId(prospectId) };
}

/** A note as a backup file holds it: of the actor's team, by `author`, on a person the team has. */
async function backedUpNote(w: World, author: Player, id = ulid()) {
  const row = { id, teamId: w.actor.member.teamId, version: 2, deletedAt: null, prospectId: await person(w), authorId: author.member.id, body: 'From the backup', visibility: 'team', mentions: [], createdAt: 1, editedAt: null };
  return { table: 'notes', row };
}

/** A review the actor sent to a hiring manager, and the arguments that name it; roles that never send one cannot be here. */
async function theirRequest(w: World, args: (requestId: string) => object): Promise<object | NotApplicable> {
  if (!canRequestReview(w.actor.member.role)) return NOT_A_REQUESTER;
  return args((await request(w, w.actor, w.mates.hm)).requestId);
}

/** Every mutation, in the situations that decide who may run it. */
export const AUTHZ_CASES: AuthzCase[] = [
  {
    mutation: 'prospect.upsert',
    situation: 'records a new person',
    setUp: () => Promise.resolve({ id: ulid(), identity: identity(`new-${ulid().toLowerCase()}`, 'Grace Hopper'), at: 5 }),
  },
  {
    mutation: 'prospect.upsert',
    situation: 'refreshes a person the team has',
    setUp: async (w) => {
      const id = await person(w);
      return { id, identity: identity(`p-${id.toLowerCase()}`, 'Ada Lovelace, Countess'), at: 5 };
    },
  },
  {
    mutation: 'prospect.attachProfile',
    situation: 'adds a Greenhouse profile to a person',
    setUp: async (w) => ({ prospectId: await person(w), identity: greenhouseIdentity(), at: 5 }),
  },
  {
    mutation: 'prospect.attachProfile',
    situation: "adds a profile that is already another person's",
    setUp: async (w) => {
      const other = ulid();
      const page = greenhouseIdentity();
      await must(w.mates.sourcer.api.push([{ name: 'prospect.upsert', args: { id: other, identity: page, at: 2 } }]));
      return { prospectId: await person(w), identity: page, at: 5 };
    },
  },
  {
    mutation: 'prospect.merge',
    situation: 'merges two people',
    setUp: async (w) => ({ intoId: await person(w), fromId: await person(w), activityId: ulid(), at: 5 }),
  },
  {
    mutation: 'prospect.merge',
    situation: 'merges two people who are already one',
    setUp: async (w) => {
      const intoId = await person(w);
      const fromId = await person(w);
      await must(w.mates.admin.api.push([{ name: 'prospect.merge', args: { intoId, fromId, activityId: ulid(), at: 3 } }]));
      return { intoId: fromId, fromId: intoId, activityId: ulid(), at: 5 };
    },
  },
  {
    mutation: 'prospect.setDoNotContact',
    situation: 'marks a person do-not-contact',
    setUp: async (w) => ({ prospectId: await person(w), reason: 'Asked us to stop', activityId: ulid(), at: 5 }),
  },
  {
    mutation: 'prospect.setDoNotContact',
    situation: 'clears a do-not-contact mark',
    setUp: async (w) => {
      const prospectId = await person(w);
      await must(w.mates.admin.api.push([{ name: 'prospect.setDoNotContact', args: { prospectId, reason: 'Asked us to stop', activityId: ulid(), at: 3 } }]));
      return { prospectId, reason: null, activityId: ulid(), at: 5 };
    },
  },
  {
    mutation: 'activity.log',
    situation: 'logs outreach to a person',
    setUp: async (w) => ({ id: ulid(), prospectId: await person(w), kind: 'outreach', data: { channel: 'inmail' }, at: 5 }),
  },
  {
    mutation: 'activity.log',
    situation: "reuses a teammate's activity id",
    setUp: async (w) => {
      const prospectId = await person(w);
      const id = ulid();
      await must(w.mates.recruiter.api.push([{ name: 'activity.log', args: { id, prospectId, kind: 'outreach', data: { channel: 'inmail' }, at: 3 } }]));
      return { id, prospectId, kind: 'reply', data: { interest: 'interested' }, at: 5 };
    },
  },
  { mutation: 'activity.undo', situation: 'takes back outreach they logged', setUp: async (w) => ({ id: await logged(w, w.actor), at: 5 }) },
  { mutation: 'activity.undo', situation: "takes back a teammate's logged outreach", setUp: async (w) => ({ id: await logged(w, w.mates.recruiter), at: 5 }) },
  {
    mutation: 'activity.undo',
    situation: 'takes back the feed entry of a review they sent',
    setUp: async (w) => {
      if (!canRequestReview(w.actor.member.role)) return NOT_A_REQUESTER;
      const activityId = ulid();
      await must(w.actor.api.push([{ name: 'review.request', args: { id: ulid(), requisitionId: (await requisition(w)).id, reviewerId: w.mates.hm.member.id, prospectIds: [await person(w)], activityIds: [activityId], at: 2 } }]));
      return { id: activityId, at: 5 };
    },
  },
  {
    mutation: 'note.add',
    situation: 'adds a team note to a person',
    setUp: async (w) => ({ id: ulid(), prospectId: await person(w), body: 'Worth a call', visibility: 'team', at: 5 }),
  },
  { mutation: 'note.edit', situation: 'edits their own note', setUp: async (w) => ({ id: await note(w, w.actor), body: 'Edited', at: 5 }) },
  { mutation: 'note.edit', situation: "edits a teammate's note", setUp: async (w) => ({ id: await note(w, w.mates.recruiter), body: 'Edited', at: 5 }) },
  { mutation: 'note.delete', situation: 'deletes their own note', setUp: async (w) => ({ id: await note(w, w.actor), at: 5 }) },
  { mutation: 'note.delete', situation: "deletes a teammate's note", setUp: async (w) => ({ id: await note(w, w.mates.recruiter), at: 5 }) },
  { mutation: 'note.restore', situation: 'restores their own deleted note', setUp: async (w) => ({ id: await note(w, w.actor, true) }) },
  { mutation: 'note.restore', situation: "restores a teammate's deleted note", setUp: async (w) => ({ id: await note(w, w.mates.recruiter, true) }) },
  {
    mutation: 'requisition.save',
    situation: 'opens a requisition',
    setUp: (w) => Promise.resolve({ id: ulid(), title: 'Data Engineer', hiringManagerId: w.mates.hm.member.id, recruiterIds: [w.mates.recruiter.member.id], stages: ['Sourced'], at: 5 }),
  },
  {
    mutation: 'requisition.save',
    situation: "edits the scorecard of a requisition they are not hiring manager of",
    setUp: async (w) => ({ ...(await requisition(w)), mustHaves: ['Go', 'Postgres'], at: 5 }),
  },
  {
    mutation: 'requisition.save',
    situation: 'edits the scorecard as its hiring manager',
    setUp: async (w) => {
      if (!canManageHiring(w.actor.member.role)) return na('only hiring managers and admins are a requisition’s hiring manager');
      return { ...(await requisition(w, { hiringManagerId: w.actor.member.id })), mustHaves: ['Go', 'Postgres'], at: 5 };
    },
  },
  {
    mutation: 'requisition.save',
    situation: 'adds themself to the recruiters, as its hiring manager',
    setUp: async (w) => {
      if (!canManageHiring(w.actor.member.role)) return na('only hiring managers and admins are a requisition’s hiring manager');
      const req = await requisition(w, { hiringManagerId: w.actor.member.id });
      return { ...req, recruiterIds: [w.mates.recruiter.member.id, w.actor.member.id], at: 5 };
    },
  },
  {
    mutation: 'requisition.save',
    situation: "adds themself to a requisition's recruiters",
    setUp: async (w) => {
      const req = await requisition(w);
      return { ...req, recruiterIds: [w.mates.recruiter.member.id, w.actor.member.id], at: 5 };
    },
  },
  {
    mutation: 'requisition.save',
    situation: 'names a sourcer among the recruiters',
    setUp: async (w) => ({ ...(await requisition(w)), recruiterIds: [w.mates.recruiter.member.id, w.mates.sourcer.member.id], at: 5 }),
  },
  {
    mutation: 'requisition.save',
    situation: 'names a sourcer as the hiring manager',
    setUp: async (w) => ({ ...(await requisition(w)), hiringManagerId: w.mates.sourcer.member.id, at: 5 }),
  },
  {
    mutation: 'review.request',
    situation: 'sends a person to a hiring manager',
    setUp: async (w) => ({ id: ulid(), requisitionId: (await requisition(w)).id, reviewerId: w.mates.hm.member.id, prospectIds: [await person(w)], activityIds: [ulid()], at: 5 }),
  },
  {
    mutation: 'review.request',
    situation: 'sends a person again to the hiring manager who has them in an open review for the requisition',
    setUp: async (w) => {
      const { prospectId, requisitionId } = await request(w, w.mates.recruiter, w.mates.hm);
      return { id: ulid(), requisitionId, reviewerId: w.mates.hm.member.id, prospectIds: [prospectId], activityIds: [ulid()], at: 5 };
    },
  },
  {
    mutation: 'review.request',
    situation: 'sends a person to themself',
    setUp: async (w) => ({ id: ulid(), requisitionId: (await requisition(w)).id, reviewerId: w.actor.member.id, prospectIds: [await person(w)], activityIds: [ulid()], at: 5 }),
  },
  {
    mutation: 'review.decide',
    situation: 'decides on a review sent to them',
    setUp: async (w) => {
      const { requestId, prospectId } = await request(w, w.mates.recruiter, w.actor);
      return { id: ulid(), requestId, prospectId, verdict: 'reject', missing: ['Go'], activityId: ulid(), at: 5 };
    },
  },
  {
    mutation: 'review.decide',
    situation: 'decides on a review sent to someone else',
    setUp: async (w) => {
      const { requestId, prospectId } = await request(w, w.mates.recruiter, w.mates.hm);
      return { id: ulid(), requestId, prospectId, verdict: 'reject', activityId: ulid(), at: 5 };
    },
  },
  { mutation: 'review.undo', situation: 'takes back their own decision', setUp: async (w) => ({ decisionId: await decision(w, w.mates.recruiter, w.actor), at: 5 }) },
  { mutation: 'review.undo', situation: "takes back someone else's decision", setUp: async (w) => ({ decisionId: await decision(w, w.mates.recruiter, w.mates.hm), at: 5 }) },
  {
    mutation: 'review.nudge',
    situation: 'chases a review they sent',
    setUp: (w) => theirRequest(w, (requestId) => ({ requestId, at: 5 })),
  },
  {
    mutation: 'review.nudge',
    situation: 'chases a review for a role they recruit for',
    setUp: async (w) => {
      if (!canRecruitFor(w.actor.member.role)) return na('only recruiters and admins are a requisition’s recruiters');
      const req = await requisition(w, { recruiterIds: [w.mates.recruiter.member.id, w.actor.member.id] });
      return { requestId: (await request(w, w.mates.sourcer, w.mates.hm, req.id as string)).requestId, at: 5 };
    },
  },
  {
    mutation: 'review.nudge',
    situation: "chases someone else's review for a role they do not recruit for",
    setUp: async (w) => ({ requestId: (await request(w, w.mates.recruiter, w.mates.hm)).requestId, at: 5 }),
  },
  {
    mutation: 'review.reassign',
    situation: 'hands a review they sent to another hiring manager',
    setUp: (w) => theirRequest(w, (requestId) => ({ requestId, newRequestId: ulid(), reviewerId: w.mates.hm2.member.id, at: 5 })),
  },
  {
    mutation: 'review.reassign',
    situation: 'hands a review they sent back to themself',
    setUp: (w) => theirRequest(w, (requestId) => ({ requestId, newRequestId: ulid(), reviewerId: w.actor.member.id, at: 5 })),
  },
  {
    mutation: 'review.reassign',
    situation: "hands someone else's review to another hiring manager",
    setUp: async (w) => ({ requestId: (await request(w, w.mates.recruiter, w.mates.hm)).requestId, newRequestId: ulid(), reviewerId: w.mates.hm2.member.id, at: 5 }),
  },
  {
    mutation: 'review.cancel',
    situation: 'withdraws a review they sent',
    setUp: (w) => theirRequest(w, (requestId) => ({ requestId, at: 5 })),
  },
  {
    mutation: 'review.cancel',
    situation: "withdraws someone else's review",
    setUp: async (w) => ({ requestId: (await request(w, w.mates.recruiter, w.mates.hm)).requestId, at: 5 }),
  },
  { mutation: 'search.save', situation: 'saves a People search', setUp: () => Promise.resolve({ id: ulid(), name: 'Go in Berlin', query: { text: 'go berlin' }, at: 5 }) },
  { mutation: 'search.save', situation: 'renames their own saved search', setUp: async (w) => ({ id: await savedSearch(w, w.actor), name: 'Renamed', query: { text: 'kotlin' }, at: 5 }) },
  { mutation: 'search.save', situation: "saves over a teammate's saved search", setUp: async (w) => ({ id: await savedSearch(w, w.mates.recruiter), name: 'Mine now', query: { text: '' }, at: 5 }) },
  { mutation: 'search.delete', situation: 'deletes their own saved search', setUp: async (w) => ({ id: await savedSearch(w, w.actor), at: 5 }) },
  { mutation: 'search.delete', situation: "deletes a teammate's saved search", setUp: async (w) => ({ id: await savedSearch(w, w.mates.recruiter), at: 5 }) },
  { mutation: 'prospect.erase', situation: 'erases a person, confirmed with their name', setUp: async (w) => ({ prospectId: await person(w), confirmName: 'Ada Lovelace', at: 5 }) },
  { mutation: 'prospect.erase', situation: 'erases a person, confirmed with another name', setUp: async (w) => ({ prospectId: await person(w), confirmName: 'Grace Hopper', at: 5 }) },
  { mutation: 'prospect.erase', situation: 'erases a person a teammate erased meanwhile', setUp: async (w) => ({ prospectId: (await erased(w)).prospectId, confirmName: 'Ada Lovelace', at: 5 }) },
  { mutation: 'suppression.lift', situation: 'lifts an erased person’s entry of the suppression list', setUp: async (w) => ({ id: (await erased(w)).suppressionId, at: 5 }) },
  {
    mutation: 'team.privacy.set',
    situation: "sets the team's privacy choices",
    setUp: () => Promise.resolve({ noticeDays: 21, noticeAtDeadline: 'remind', retentionMonths: 24, suppressOnDoNotContact: true, at: 5 }),
  },
  { mutation: 'followup.set', situation: 'sets a follow-up on a person', setUp: async (w) => ({ id: ulid(), prospectId: await person(w), dueAt: 20_000, note: 'After the offsite', at: 5 }) },
  { mutation: 'followup.done', situation: 'marks their own follow-up done', setUp: async (w) => ({ id: await followUp(w, w.actor), at: 5 }) },
  { mutation: 'followup.done', situation: "marks a teammate's follow-up done", setUp: async (w) => ({ id: await followUp(w, w.mates.recruiter), at: 5 }) },
  { mutation: 'followup.snooze', situation: 'snoozes their own follow-up', setUp: async (w) => ({ id: await followUp(w, w.actor), until: 30_000 }) },
  { mutation: 'followup.snooze', situation: "snoozes a teammate's follow-up", setUp: async (w) => ({ id: await followUp(w, w.mates.recruiter), until: 30_000 }) },
  { mutation: 'backup.restore', situation: 'restores their own note the team lacks', setUp: (w) => backedUpNote(w, w.actor) },
  { mutation: 'backup.restore', situation: "restores a teammate's note the team lacks", setUp: (w) => backedUpNote(w, w.mates.recruiter) },
  {
    mutation: 'backup.restore',
    situation: 'restores an older copy of their own note the team has (the team’s stays as it is)',
    setUp: async (w) => {
      const restore = await backedUpNote(w, w.actor);
      await must(w.actor.api.push([{ name: 'note.add', args: { id: restore.row.id, prospectId: restore.row.prospectId, body: 'Newer text', at: 4 } }]));
      return restore;
    },
  },
  {
    mutation: 'backup.restore',
    situation: 'restores a person the team lacks',
    setUp: (w) =>
      Promise.resolve({
        table: 'prospects',
        row: {
          id: ulid(), teamId: w.actor.member.teamId, version: 1, deletedAt: null, name: 'Grace Hopper', headline: null, company: null, location: null,
          profiles: [identity(`restored-${ulid().toLowerCase()}`, 'Grace Hopper')].map(({ site, key, url }) => ({ site, key, url })), emails: [], doNotContact: null, createdAt: 1, updatedAt: 1,
        },
      }),
  },
  {
    mutation: 'pipeline.move',
    situation: 'adds a person to a requisition at a stage',
    setUp: async (w) => ({ prospectId: await person(w), requisitionId: (await requisition(w)).id, stage: 'Sourced', activityId: ulid(), at: 5 }),
  },
  {
    mutation: 'pipeline.move',
    situation: 'moves a person a teammate added to another stage',
    setUp: async (w) => {
      const { prospectId, req } = await inPipeline(w);
      return { prospectId, requisitionId: req.id, stage: 'Screen', activityId: ulid(), at: 5 };
    },
  },
  {
    mutation: 'pipeline.move',
    situation: 'marks a person rejected by us, with a reason',
    setUp: async (w) => {
      const { prospectId, req } = await inPipeline(w);
      return { prospectId, requisitionId: req.id, status: 'rejected', reason: 'Not enough Go', activityId: ulid(), at: 5 };
    },
  },
  {
    mutation: 'pipeline.move',
    situation: 'moves a person in a closed requisition',
    setUp: async (w) => {
      const { prospectId, req } = await inPipeline(w);
      await must(w.mates.recruiter.api.push([{ name: 'requisition.save', args: { ...req, status: 'closed', at: 3 } }]));
      return { prospectId, requisitionId: req.id, stage: 'Screen', activityId: ulid(), at: 5 };
    },
  },
  { mutation: 'member.update', situation: 'renames themself', setUp: (w) => Promise.resolve({ memberId: w.actor.member.id, name: `Renamed ${ulid()}` }) },
  { mutation: 'member.update', situation: 'sets their own time zone', setUp: (w) => Promise.resolve({ memberId: w.actor.member.id, timeZone: 'Europe/Stockholm' }) },
  { mutation: 'member.update', situation: 'renames a teammate', setUp: (w) => Promise.resolve({ memberId: w.mates.sourcer.member.id, name: `Renamed ${ulid()}` }) },
  { mutation: 'member.update', situation: "sets a teammate's time zone", setUp: (w) => Promise.resolve({ memberId: w.mates.sourcer.member.id, timeZone: 'Asia/Tokyo' }) },
  { mutation: 'member.update', situation: 'changes their own role along with their name', setUp: (w) => Promise.resolve({ memberId: w.actor.member.id, name: `Renamed ${ulid()}`, role: 'admin' }) },
];

export const ROLES: Role[] = ['admin', 'recruiter', 'sourcer', 'hiring_manager'];

export const isNa = (x: unknown): x is NotApplicable => typeof x === 'object' && x !== null && 'notApplicable' in x;
