/**
 * Deterministic fault-injection simulation of team sync: several devices run the real sync
 * module (Dexie on fake-indexeddb, the HTTP transport) against the real server app over one
 * database, while a seeded random schedule drops requests, drops responses after the server
 * committed, delivers requests twice, restarts the server and interleaves concurrent syncs.
 * After the faults stop and everyone settles, every device must equal the server, and nothing
 * may be lost or duplicated. Any seed replays exactly: `npm run -s sim -- --seed N`.
 */
import { ulid } from 'ulidx';
import { createHash } from 'node:crypto';
import { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { activitiesFor, findProspectByKey, notesFor } from '@/lib/db/queries';
import { type Me, type ProspectIdentity, type Role, isHandLogged, pipelineEntryId } from '@/lib/model';
import { MutationRefused, activityLog, activityUndo, followUpDone, followUpSet, noteAdd, noteDelete, noteEdit, noteRestore, pipelineMove, prospectAttachProfile, prospectMerge, prospectSetDoNotContact, prospectUpsert, requisitionSave, reviewDecide, reviewNudge, reviewReassign, reviewRequest, reviewUndo } from '@/lib/mutations';
import { mutate as mutateOnDevice } from '@/lib/db/mutate';
import { decisionsForRequest, openRequestsForReviewer } from '@/lib/db/review-queries';
import { syncOnce } from '@/lib/sync/engine';
import { type FirstSync, readFirstSync } from '@/lib/sync/first-sync';
import { INITIAL_SYNC_STATE, type Session } from '@/lib/sync/session';
import { type Fetch, httpTransport } from '@/lib/sync/transport';
import type { Database } from '@/server/db/database';
import { createTeam, invite, redeem, setRole } from '@/server/auth/team-admin';
import { createApp } from '@/server/http/app';
import { createLogger } from '@/server/log';
import { Rng, canonical, deviceRows, diff, serverRows } from '../support/convergence';

export interface SimOptions {
  seed: number;
  steps?: number;
  log?: (line: string) => void;
}

export interface SimReport {
  seed: number;
  /** Devices in the run; every one of them converged. */
  devices: number;
  /** A hash of the final server state with random server-made ids replaced: equal runs, equal hash. */
  fingerprint: string;
  roleChanges: number;
  /** The team's rows on the server at the end, by kind. */
  rows: Record<string, number>;
  mutations: number;
  rejections: number;
  faults: Record<string, number>;
  syncs: number;
  failedSyncs: number;
}

/** What a failed check means: a write the server acknowledged is missing, a record exists twice, or a device differs from the server. */
export type ProblemKind = 'lost' | 'duplicated' | 'diverged';
export interface Problem {
  /** The device it concerns, or null for the server. */
  device: string | null;
  kind: ProblemKind;
  text: string;
}

/** Thrown by a seed whose end state breaks a check; the problems say which, by kind and device. */
export class SimulationFailed extends Error {
  constructor(
    readonly seed: number,
    readonly devices: number,
    readonly problems: Problem[],
  ) {
    super(`seed ${seed}: ${problems.length} problem(s)\n${problems.slice(0, 20).map((p) => p.text).join('\n')}`);
  }
}

/** The rows a mutation creates under ids its arguments name (any of `kinds`): once acknowledged, they must be on the server. */
function rowsCreatedBy(name: string, args: Record<string, unknown>): { kinds: string[]; id: string }[] {
  const one = (kind: string, id: unknown) => ({ kinds: [kind], id: String(id) });
  switch (name) {
    case 'prospect.upsert':
      // A person the team already had under another id keeps this id as an alias.
      return [{ kinds: ['prospect', 'alias'], id: String(args.id) }];
    case 'activity.log':
      return [one('activity', args.id)];
    case 'note.add':
      return [one('note', args.id)];
    case 'requisition.save':
      return [one('requisition', args.id)];
    case 'review.request':
      return [one('review_request', args.id), ...(args.activityIds as string[]).map((id) => one('activity', id))];
    case 'review.decide':
      return [one('review_decision', args.id), one('activity', args.activityId)];
    case 'review.reassign':
      return [one('review_request', args.newRequestId)];
    case 'followup.set':
      return [one('followup', args.id)];
    case 'prospect.setDoNotContact':
      // Clearing what someone else already cleared writes nothing.
      return args.reason === null ? [] : [one('activity', args.activityId)];
    // pipeline.move: a move to where another device already put the person writes nothing; its
    // entry is checked below (one per person and requisition, under the id derived from both).
    // prospect.merge and prospect.attachProfile make no row of their own that must exist: people
    // another device already merged (either way round), or a profile already attached, write nothing.
    default:
      return [];
  }
}

const PEOPLE: ProspectIdentity[] = ['ada', 'grace', 'alan', 'edsger', 'barbara'].map((slug) => ({
  site: 'linkedin',
  key: `linkedin:${slug}`,
  url: `https://www.linkedin.com/in/${slug}/`,
  name: slug[0]!.toUpperCase() + slug.slice(1),
  headline: null,
  company: null,
  location: null,
}));

/** The same people's Greenhouse pages, each linking their LinkedIn profile: what joins them. */
const ATS_PAGES: ProspectIdentity[] = PEOPLE.map((p) => {
  const slug = p.key.slice('linkedin:'.length);
  return { site: 'greenhouse', key: `greenhouse:${slug}`, url: `https://app.greenhouse.io/people/${slug}`, name: p.name, headline: null, company: null, location: null, sameAs: [{ site: p.site, key: p.key, url: p.url }] };
});

interface Device {
  name: string;
  db: TandemDB;
  session: Session;
  me: Me;
  inFlight: Promise<void> | null;
}

/** The sim's clock: ids' time counts up from here, and every action's `at` is within AT_SPREAD after it. */
const SIM_CLOCK_START = 1_800_000_000_000;
const AT_SPREAD = 10_000_000;

export async function runSimulation(server: Database, { seed, steps = 80, log = () => undefined }: SimOptions): Promise<SimReport> {
  const rng = new Rng(seed);
  // Ids from the seed (a ULID's time part from a counter, its random part from the rng).
  let idClock = SIM_CLOCK_START;
  const newId = () => ulid(idClock++, () => rng.int(0, 9_999_999) / 10_000_000);
  const roleChanges: string[] = [];
  const faults = { droppedRequests: 0, droppedResponses: 0, duplicates: 0, restarts: 0, refusedWhileDown: 0 };
  let app = createApp({ db: server, log: createLogger('silent') });
  let downFor = 0;
  let faulty = true;
  /** Requests for a first sign-in's older history (the late member's), for the log. */
  let historyRequests = 0;

  // The network between every device and the server, with the seed's faults.
  const fetchWithFaults: Fetch = async (input, init) => {
    // Let other devices' work interleave before and after each request.
    // setImmediate, the queue fake-indexeddb also uses, keeps the interleaving reproducible.
    for (let i = rng.int(0, 3); i > 0; i--) await new Promise((r) => setImmediate(r));
    if (faulty && downFor > 0) {
      downFor--;
      faults.refusedWhileDown++;
      throw new TypeError('connection refused (server restarting)');
    }
    if (faulty && rng.chance(0.1)) {
      faults.droppedRequests++;
      throw new TypeError('network error (request lost)');
    }
    if (String(input).includes('phase=history')) historyRequests++;
    const send = () => app.request(input, { ...init, signal: undefined });
    if (faulty && rng.chance(0.08)) {
      faults.duplicates++;
      await send();
    }
    const res = await send();
    if (faulty && rng.chance(0.1)) {
      faults.droppedResponses++;
      throw new TypeError('network error (response lost)');
    }
    return res;
  };

  const team = await createTeam(server, `sim-${seed}-${ulid()}`);
  const devicesByMember = new Map<string, string[]>();
  const roles: Role[] = ['recruiter', 'sourcer', 'recruiter'];
  const devices: Device[] = [];
  for (const [i, role] of roles.entries()) {
    const { code } = await invite(server, team.id, `m${i}@sim.example`, role);
    const { token, member } = await redeem(server, code, `device ${i}`);
    devices.push(await makeDevice(`d${i}`, { token, memberId: member.id, role, name: member.name }));
  }
  // A hiring manager, who reviews what the recruiters send.
  {
    const { code } = await invite(server, team.id, 'hm@sim.example', 'hiring_manager');
    const { token, member } = await redeem(server, code, 'device hm');
    devices.push(await makeDevice('dh', { token, memberId: member.id, role: 'hiring_manager', name: member.name }));
  }
  // A second device of the first member: private notes must reach it, and only it.
  {
    const { code } = await invite(server, team.id, 'm0@sim.example', 'recruiter');
    const { token, member } = await redeem(server, code, 'device 0b');
    devices.push(await makeDevice('d0b', { token, memberId: member.id, role: 'recruiter', name: member.name }));
  }

  async function makeDevice(name: string, m: { token: string; memberId: string; role: Role; name: string }): Promise<Device> {
    const db = new TandemDB(`sim-${seed}-${name}-${ulid()}`);
    devicesByMember.set(m.memberId, [...(devicesByMember.get(m.memberId) ?? []), name]);
    const session: Session = { serverUrl: 'http://sim.invalid', token: m.token, clientId: `c-${team.id}-${name}`, memberId: m.memberId, teamId: team.id, teamName: team.name, deviceName: name, signedInAt: 0 };
    const me: Me = { memberId: m.memberId, teamId: team.id, name: m.name, email: '', role: m.role };
    await db.local.bulkPut([
      { key: LOCAL_KEYS.session, value: session },
      { key: LOCAL_KEYS.me, value: me },
      { key: LOCAL_KEYS.syncState, value: INITIAL_SYNC_STATE },
    ]);
    return { name, db, session, me, inFlight: null };
  }

  // Every mutation a device queued, to check at the end that what the server acknowledged is there.
  const written: { device: Device; mutationId: number; name: string; args: Record<string, unknown> }[] = [];
  const mutate: typeof mutateOnDevice = async (db, mutation, args, c) => {
    const r = await mutateOnDevice(db, mutation, args, c);
    const device = devices.find((x) => x.db === db)!;
    if (r.mutationId !== null) written.push({ device, mutationId: r.mutationId, name: mutation.name, args: args as Record<string, unknown> });
    return r;
  };

  let queued = 0;
  let syncs = 0;
  let failedSyncs = 0;
  const ctx = (d: Device) => ({ actor: d.me });

  /** One thing a user does on a device; the device itself may refuse it (then nothing is queued). */
  /** Review-loop work: send batches, decide, undo, nudge, reassign; follow-ups. */
  async function reviewAction(d: Device, at: number): Promise<{ mutationId: number | null } | null> {
    const mine = await openRequestsForReviewer(d.db, d.me.memberId);
    const choice = rng.int(0, 7);
    if (choice <= 1 && mine.length) {
      const request = rng.pick(mine);
      const decided = await decisionsForRequest(d.db, request.id);
      const own = decided.filter((x) => x.reviewerId === d.me.memberId);
      if (own.length && rng.chance(0.3)) return mutate(d.db, reviewUndo, { decisionId: rng.pick(own).id, at }, ctx(d));
      const open = request.prospectIds.filter((p) => !decided.some((x) => x.prospectId === p));
      if (!open.length) return null;
      const verdict = rng.pick(['approve', 'reject'] as const);
      return mutate(d.db, reviewDecide, { id: newId(), requestId: request.id, prospectId: rng.pick(open), verdict, met: verdict === 'approve' ? ['Go'] : [], missing: verdict === 'reject' ? ['SQL'] : [], note: '', activityId: newId(), at }, ctx(d));
    }
    const people = (await Promise.all(PEOPLE.map((p) => findProspectByKey(d.db, p.key)))).filter((p) => p !== undefined);
    if (choice >= 2 && choice <= 4 && people.length) {
      const batch = [...new Set([rng.pick(people).id, rng.pick(people).id])];
      const hm = devices.find((x) => x.name === 'dh')!;
      return mutate(d.db, reviewRequest, { id: newId(), requisitionId, reviewerId: hm.me.memberId, prospectIds: batch, activityIds: batch.map(() => newId()), message: '', at }, ctx(d));
    }
    const sent = (await d.db.reviewRequests.toArray()).filter((r) => r.status === 'open' && r.requesterId === d.me.memberId);
    if (choice === 5 && sent.length) {
      const request = rng.pick(sent);
      if (rng.chance(0.5)) return mutate(d.db, reviewNudge, { requestId: request.id, at }, ctx(d));
      const to = rng.pick(devices.filter((x) => x.me.memberId !== request.reviewerId && x.name !== 'd0b'));
      return mutate(d.db, reviewReassign, { requestId: request.id, newRequestId: newId(), reviewerId: to.me.memberId, at }, ctx(d));
    }
    if (choice === 6 && people.length) return mutate(d.db, followUpSet, { id: newId(), prospectId: rng.pick(people).id, dueAt: at + 86_400_000, note: `call ${d.name}`, at }, ctx(d));
    const followUps = (await d.db.followUps.toArray()).filter((f) => f.ownerId === d.me.memberId && f.doneAt === null);
    if (choice === 7 && followUps.length) return mutate(d.db, followUpDone, { id: rng.pick(followUps).id, at }, ctx(d));
    return null;
  }

  /**
   * One person across sites: a Greenhouse page joins its person (usually the one it links,
   * sometimes someone else, as a member confirming the wrong suggestion would), is recorded as
   * a person of its own (a device that did not know the linked person yet), or a recruiter
   * merges two people, either way round. Devices doing these offline must converge.
   */
  async function samePersonAction(d: Device, at: number): Promise<{ mutationId: number | null } | null> {
    const known = (await Promise.all([...PEOPLE, ...ATS_PAGES].map((p) => findProspectByKey(d.db, p.key)))).filter((p) => p !== undefined);
    const choice = rng.int(0, 3);
    if (choice <= 1) {
      const page = rng.pick(ATS_PAGES);
      const linked = await findProspectByKey(d.db, page.sameAs![0]!.key);
      const target = linked && rng.chance(0.7) ? linked : known.length ? rng.pick(known) : undefined;
      if (target && rng.chance(0.8)) return mutate(d.db, prospectAttachProfile, { prospectId: target.id, identity: page, at }, ctx(d));
      const own = await findProspectByKey(d.db, page.key);
      return mutate(d.db, prospectUpsert, { id: own?.id ?? newId(), identity: page, at }, ctx(d));
    }
    const distinct = [...new Map(known.map((p) => [p.id, p])).values()];
    if (distinct.length < 2) return null;
    const into = rng.pick(distinct);
    const from = rng.pick(distinct.filter((p) => p.id !== into.id));
    return mutate(d.db, prospectMerge, { intoId: into.id, fromId: from.id, activityId: newId(), at }, ctx(d));
  }

  /** Runs one kind of action at a random time; a refusal by the device queues nothing and is logged. */
  async function attempt(d: Device, action: (d: Device, at: number) => Promise<{ mutationId: number | null } | null>) {
    try {
      const r = await action(d, 1_800_000_000_000 + rng.int(0, 10_000_000));
      if (r?.mutationId) queued++;
    } catch (e) {
      if (!(e instanceof MutationRefused)) throw e;
      log(`${d.name}: device refused ${e.mutation}: ${e.reason}`);
    }
  }

  async function userAction(d: Device) {
    if (d.name !== 'dh' && rng.chance(0.12)) return attempt(d, samePersonAction);
    if (d.name === 'dh' || rng.chance(0.35)) return attempt(d, reviewAction);
    const person = rng.pick(PEOPLE);
    const known = await findProspectByKey(d.db, person.key);
    const notes = known ? (await notesFor(d.db, known.id, d.me.memberId)).filter((n) => n.authorId === d.me.memberId) : [];
    const deleted = known ? (await d.db.notes.where('[prospectId+createdAt]').between([known.id, 0], [known.id, Infinity]).toArray()).filter((n) => n.deletedAt !== null && n.authorId === d.me.memberId) : [];
    const at = SIM_CLOCK_START + rng.int(0, AT_SPREAD);
    // The member whose role changes reaches for do-not-contact more often, to meet refusals.
    const choice = d.name === 'd2' && rng.chance(0.3) ? 8 : rng.int(0, 11);
    try {
      let r: { mutationId: number | null };
      if (!known || choice === 0) r = await mutate(d.db, prospectUpsert, { id: known?.id ?? newId(), identity: { ...person, headline: `headline ${rng.int(0, 3)}` }, at }, ctx(d));
      else if (choice <= 2) r = await mutate(d.db, activityLog, { id: newId(), prospectId: known.id, kind: 'outreach', data: { channel: rng.pick(['inmail', 'email', 'call'] as const) }, at }, ctx(d));
      else if (choice <= 4) r = await mutate(d.db, noteAdd, { id: newId(), prospectId: known.id, body: `note ${rng.int(0, 999)} by ${d.name}`, visibility: rng.chance(0.3) ? 'private' : 'team', at }, ctx(d));
      else if (choice === 5 && notes.length) r = await mutate(d.db, noteEdit, { id: rng.pick(notes).id, body: `edited ${rng.int(0, 999)}`, visibility: rng.chance(0.2) ? rng.pick(['team', 'private'] as const) : undefined, at }, ctx(d));
      else if (choice === 6 && notes.length) r = await mutate(d.db, noteDelete, { id: rng.pick(notes).id, at }, ctx(d));
      else if (choice === 7 && deleted.length) r = await mutate(d.db, noteRestore, { id: rng.pick(deleted).id }, ctx(d));
      // Sourcers are refused by the device; an outdated role is refused by the server.
      else if (choice === 8) r = await mutate(d.db, prospectSetDoNotContact, { activityId: newId(), prospectId: known.id, reason: rng.chance(0.6) ? 'asked us to stop' : null, at }, ctx(d));
      else if (choice === 9 && rng.chance(0.5)) {
        // A mis-click taken back: one of the member's own logs on the person, if any.
        const own = (await activitiesFor(d.db, known.id)).filter((a) => a.actorId === d.me.memberId && isHandLogged(a.kind));
        if (own.length === 0) return;
        r = await mutate(d.db, activityUndo, { id: rng.pick(own).id, at }, ctx(d));
      } else if (choice >= 10) r = await mutate(d.db, pipelineMove, { prospectId: known.id, requisitionId, ...pipelineStep(), activityId: newId(), at }, ctx(d));
      else r = await mutate(d.db, activityLog, { id: newId(), prospectId: known.id, kind: 'reply', data: { interest: 'replied' }, at }, ctx(d));
      if (r.mutationId !== null) queued++;
    } catch (e) {
      if (!(e instanceof MutationRefused)) throw e;
    }
  }

  /** Where a move takes the person: mostly a stage (forward, back or skipping), sometimes a close. */
  function pipelineStep() {
    const roll = rng.int(0, 9);
    if (roll === 0) return { status: 'hired' as const };
    if (roll === 1) return { status: 'rejected' as const, reason: 'Not enough Go' };
    if (roll === 2) return { status: 'withdrew' as const, declinedOffer: rng.pick(['compensation', 'another_offer', 'timing'] as const) };
    return { stage: rng.pick(STAGES) };
  }

  function startSync(d: Device) {
    if (d.inFlight) return;
    syncs++;
    const transport = httpTransport({ serverUrl: d.session.serverUrl, token: d.session.token, fetch: fetchWithFaults });
    // As the scheduler does: another round at once while a first sign-in's older history is left.
    const rounds = async () => {
      while ((await syncOnce(d.db, transport)).historyLeft);
    };
    d.inFlight = rounds()
      .catch((e: unknown) => {
        failedSyncs++;
        log(`${d.name}: sync failed: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        d.inFlight = null;
      });
  }

  // The role the recruiters send people for and move through its stages: opened by d0 once it knows the team.
  const requisitionId = newId();
  const STAGES = ['Sourced', 'Screen', 'Onsite', 'Offer'];
  {
    const d0 = devices[0]!;
    faulty = false;
    await syncOnce(d0.db, httpTransport({ serverUrl: d0.session.serverUrl, token: d0.session.token, fetch: fetchWithFaults }));
    faulty = true;
    const hm = devices.find((d) => d.name === 'dh')!;
    await mutate(d0.db, requisitionSave, { id: requisitionId, title: 'Platform Engineer', hiringManagerId: hm.me.memberId, mustHaves: ['Go', 'SQL'], stages: STAGES, at: idClock }, ctx(d0));
    queued++;
  }

  /**
   * A member who signs in halfway, with faults on: their first sign-in takes about half of the
   * activities and notes (the older by the sim's clock) as older history, while everyone keeps writing.
   */
  async function joinLate() {
    const { code } = await invite(server, team.id, 'late@sim.example', 'recruiter');
    const { token, member } = await redeem(server, code, 'device late');
    const late = await makeDevice('dl', { token, memberId: member.id, role: 'recruiter', name: member.name });
    const first: FirstSync = { teamId: team.id, phase: 'recent', olderThan: SIM_CLOCK_START + AT_SPREAD / 2, upTo: null, historyCursor: 0, startedAt: idClock, usableAt: null };
    await late.db.local.put({ key: LOCAL_KEYS.firstSync, value: first });
    devices.push(late);
    log(`late member signs in; older history before ${first.olderThan}`);
  }

  for (let step = 0; step < steps; step++) {
    if (step === Math.floor(steps / 2)) await joinLate();
    const d = rng.pick(devices);
    const roll = rng.int(0, 99);
    if (roll < 55) await userAction(d);
    else if (roll < 85) startSync(d);
    else if (roll < 90) {
      // An admin changes the third member's role; the device keeps acting on the old one until it pulls.
      const role = rng.pick(['recruiter', 'sourcer'] as const);
      await setRole(server, team.id, 'm2@sim.example', role);
      roleChanges.push(`${step}:${role}`);
      log(`step ${step}: m2 is now ${role}`);
    } else if (roll < 94) {
      faults.restarts++;
      app = createApp({ db: server, log: createLogger('silent') });
      downFor = rng.int(1, 4);
      log(`step ${step}: server restart, down for ${downFor} requests`);
    } else {
      const busy = devices.filter((x) => x.inFlight !== null);
      if (busy.length) await rng.pick(busy).inFlight;
    }
  }

  // Settle: no more faults; sync until every outbox is empty, then once more so all have pulled.
  faulty = false;
  await Promise.all(devices.flatMap((d) => (d.inFlight ? [d.inFlight] : [])));
  for (let round = 0; round < 10; round++) {
    for (const d of devices) {
      startSync(d);
      await d.inFlight;
    }
    const pending = await Promise.all(devices.map((d) => d.db.outbox.count()));
    if (pending.every((n) => n === 0)) break;
  }
  for (const d of devices) {
    startSync(d);
    await d.inFlight;
  }

  // Every device equals the server's view for its member; nothing pending, nothing shadowed.
  const problems: Problem[] = [];
  const problem = (device: Device | null, kind: ProblemKind, text: string) => problems.push({ device: device?.name ?? null, kind, text: device ? `${device.name}: ${text}` : `server: ${text}` });
  const stored = new Set((await server.query<{ kind: string; id: string }>('SELECT kind, id FROM entities WHERE team_id = $1', [team.id])).map((r) => `${r.kind}:${r.id}`));
  for (const d of devices) {
    const pending = await d.db.outbox.count();
    if (pending) problem(d, 'lost', `${pending} mutations still pending`);
    if (await d.db.shadows.count()) problem(d, 'diverged', 'shadows left after settling');
    if (await readFirstSync(d.db, team.id)) problem(d, 'diverged', 'its first sign-in’s older history never finished');
    if (d.name === 'dl') log(`late member: ${await d.db.activities.where('at').below(SIM_CLOCK_START + AT_SPREAD / 2).count()} older activities arrived, ${historyRequests} history requests`);
    for (const p of diff(await deviceRows(d.db), await serverRows(server, team.id, d.me.memberId))) problem(d, 'diverged', p);
    // Every mutation the device queued was handled by the server, and every refusal reached the device.
    const [client] = await server.query<{ last_mutation_id: number }>('SELECT last_mutation_id FROM clients WHERE id = $1', [d.session.clientId]);
    const lastLocal = Number((await d.db.local.get(LOCAL_KEYS.lastMutationId))?.value ?? 0);
    if (Number(client?.last_mutation_id ?? 0) !== lastLocal) problem(d, 'lost', `server acknowledged ${client?.last_mutation_id} of ${lastLocal}`);
    const refused = await server.query<{ mutation_id: number }>('SELECT mutation_id FROM rejections WHERE client_id = $1', [d.session.clientId]);
    const shown = new Set((await d.db.rejections.toArray()).map((r) => r.mutationId));
    for (const r of refused) if (!shown.has(Number(r.mutation_id))) problem(d, 'diverged', `rejection of ${r.mutation_id} never reached the device`);
    // What the server accepted is stored: a device that dropped an acknowledged write would agree with a server that lost it.
    const refusedIds = new Set(refused.map((r) => Number(r.mutation_id)));
    for (const w of written) {
      if (w.device !== d || refusedIds.has(w.mutationId)) continue;
      for (const row of rowsCreatedBy(w.name, w.args)) {
        if (!row.kinds.some((kind) => stored.has(`${kind}:${row.id}`))) problem(d, 'lost', `${w.name} #${w.mutationId} was accepted but its ${row.kinds.join(' or ')} ${row.id} is not on the server`);
      }
    }
  }
  // Nothing duplicated: one live person per profile key, on the server and on every device.
  const people = await server.query<{ key: string; n: number }>(
    `SELECT p->>'key' AS key, count(*)::int AS n FROM entities e, jsonb_array_elements(e.doc->'profiles') p
      WHERE e.team_id = $1 AND e.kind = 'prospect' AND e.doc->>'deletedAt' IS NULL GROUP BY 1 HAVING count(*) > 1`,
    [team.id],
  );
  for (const p of people) problem(null, 'duplicated', `${p.n} people with key ${p.key}`);
  // Every id ever given to a person still leads to one live person: merges chain aliases, never loop or dead-end.
  const aliasRows = await server.query<{ id: string; target: string }>("SELECT id, doc->>'prospectId' AS target FROM entities WHERE team_id = $1 AND kind = 'alias'", [team.id]);
  const liveIds = new Set((await server.query<{ id: string }>("SELECT id FROM entities WHERE team_id = $1 AND kind = 'prospect' AND doc->>'deletedAt' IS NULL", [team.id])).map((r) => r.id));
  const aliasOf = new Map(aliasRows.map((a) => [a.id, a.target]));
  const personOf = (id: string) => {
    let at = id;
    for (let hops = 0; aliasOf.has(at) && hops <= aliasRows.length; hops++) at = aliasOf.get(at)!;
    return at;
  };
  for (const { id } of aliasRows) {
    const at = personOf(id);
    if (!liveIds.has(at)) problem(null, 'lost', `alias ${id} leads to ${at}, which is no live person`);
  }
  // One live pipeline entry per person and requisition, under the id derived from both, of a
  // person the team kept. An entry made before its person was merged away keeps its id until its
  // next move carries it over; it must still lead to a live person.
  const entries = await server.query<{ id: string; prospect_id: string; requisition_id: string }>(
    `SELECT e.id, e.doc->>'prospectId' AS prospect_id, e.doc->>'requisitionId' AS requisition_id
       FROM entities e WHERE e.team_id = $1 AND e.kind = 'pipeline_entry' AND e.doc->>'deletedAt' IS NULL`,
    [team.id],
  );
  for (const e of entries) {
    if (e.id !== pipelineEntryId(e.prospect_id, e.requisition_id)) problem(null, 'duplicated', `pipeline entry ${e.id} is not the one entry of ${e.prospect_id} in ${e.requisition_id}`);
    if (!liveIds.has(personOf(e.prospect_id))) problem(null, 'diverged', `pipeline entry ${e.id} names ${e.prospect_id}, which leads to no person the team kept`);
  }
  const kinds = await server.query<{ kind: string; n: number }>('SELECT kind, count(*)::int AS n FROM entities WHERE team_id = $1 GROUP BY kind ORDER BY kind', [team.id]);
  const rejections = await server.query<{ n: number }>('SELECT count(*)::int AS n FROM rejections r JOIN clients c ON c.id = r.client_id JOIN members m ON m.id = c.member_id WHERE m.team_id = $1', [team.id]);

  // Server-made ids (team, members) are random; name them by their role in the run.
  const labels = new Map<string, string>([[team.id, 'TEAM']]);
  for (const [memberId, names] of devicesByMember) labels.set(memberId, `MEMBER(${names.join(',')})`);
  const finalRows = await server.query<{ kind: string; id: string; version: number; doc: unknown }>('SELECT kind, id, version, doc FROM entities WHERE team_id = $1 ORDER BY kind, id', [team.id]);
  let text = canonical(finalRows);
  for (const [id, label] of labels) text = text.split(id).join(label);
  const fingerprint = createHash('sha256').update(text).digest('hex').slice(0, 16);

  for (const d of devices) {
    d.db.close();
    await d.db.delete();
  }
  if (problems.length) throw new SimulationFailed(seed, devices.length, problems);
  return { seed, devices: devices.length, fingerprint, roleChanges: roleChanges.length, rows: Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)])), mutations: queued, rejections: Number(rejections[0]?.n ?? 0), faults, syncs, failedSyncs };
}
