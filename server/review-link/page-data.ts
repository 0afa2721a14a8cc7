import type { Queryable } from '@/server/db/database';
import type { Activity, Alias, Note, Prospect, Requisition, ReviewDecision, ReviewRequest } from '@/lib/model';
import { dueSentence, formatDueAt } from '@/lib/deadlines';
import type { Reviewer } from './links';

/** A decision as the link's page shows it. */
export interface PageDecision {
  id: string;
  verdict: 'approve' | 'reject';
  met: string[];
  missing: string[];
  note: string;
  when: string;
}

export interface PagePerson {
  /** The id the request lists the person by: what `review.decide` is given. */
  key: string;
  name: string | null;
  headline: string | null;
  place: string | null;
  notes: { who: string; when: string; body: string }[];
  earlier: { who: string; verdict: 'approve' | 'reject'; role: string | null; when: string; note: string }[];
  decision: PageDecision | null;
}

/** Everything the link's page shows: this request's people only, their team-visible notes and earlier decisions. */
export interface PageData {
  role: string;
  requester: string;
  reviewer: string;
  message: string;
  due: string;
  status: ReviewRequest['status'];
  items: { text: string; kind: 'must' | 'nice' }[];
  people: PagePerson[];
}

async function docs<T>(db: Queryable, teamId: string, kind: string, ids: string[]): Promise<T[]> {
  if (ids.length === 0) return [];
  return (await db.query<{ doc: T }>('SELECT doc FROM entities WHERE team_id = $1 AND kind = $2 AND id = ANY($3::text[])', [teamId, kind, ids])).map((r) => r.doc);
}

/**
 * The live person each listed id stands for, following merges (aliases): one query for them
 * all, more only for ids that were merged away. Also every id seen on the way, per listed id.
 */
async function resolvePeople(db: Queryable, teamId: string, listed: string[]): Promise<Map<string, { person: Prospect | null; ids: string[] }>> {
  const found = new Map(listed.map((id) => [id, { person: null as Prospect | null, ids: [id] }]));
  let pending = listed;
  for (let hop = 0; hop < 16 && pending.length > 0; hop++) {
    const lastIds = pending.map((id) => found.get(id)!.ids.at(-1)!);
    const live = new Map((await docs<Prospect>(db, teamId, 'prospect', lastIds)).filter((p) => p.deletedAt === null).map((p) => [p.id, p]));
    const unresolved = pending.filter((id) => {
      const entry = found.get(id)!;
      entry.person = live.get(entry.ids.at(-1)!) ?? null;
      return entry.person === null;
    });
    if (unresolved.length === 0) break;
    const aliases = new Map((await docs<Alias>(db, teamId, 'alias', unresolved.map((id) => found.get(id)!.ids.at(-1)!))).map((a) => [a.id, a.prospectId]));
    pending = unresolved.filter((id) => {
      const entry = found.get(id)!;
      const to = aliases.get(entry.ids.at(-1)!);
      if (!to || entry.ids.includes(to)) return false;
      entry.ids.push(to);
      return true;
    });
  }
  return found;
}

export function decisionOnPage(d: ReviewDecision, timeZone: string, now: number): PageDecision {
  return { id: d.id, verdict: d.verdict, met: d.met, missing: d.missing, note: d.note, when: formatDueAt(d.decidedAt, now, timeZone) };
}

/** The page's data for the reviewer of an open (or completed) request, in about six queries whatever its size. */
export async function pageData(db: Queryable, request: ReviewRequest, reviewer: Reviewer, now: number): Promise<PageData> {
  const teamId = reviewer.teamId;
  const zone = reviewer.timeZone ?? 'UTC';
  const when = (t: number) => formatDueAt(t, now, zone);
  const [requisition] = await docs<Requisition>(db, teamId, 'requisition', [request.requisitionId]);
  const names = new Map((await db.query<{ id: string; name: string }>('SELECT id, name FROM members WHERE team_id = $1', [teamId])).map((m) => [m.id, m.name]));
  const nameOf = (id: string) => names.get(id) ?? 'A former member';
  const decisions = (await db.query<{ doc: ReviewDecision }>("SELECT doc FROM entities WHERE team_id = $1 AND kind = 'review_decision' AND doc->>'requestId' = $2", [teamId, request.id]))
    .map((r) => r.doc)
    .filter((d) => d.deletedAt === null);
  const resolved = await resolvePeople(db, teamId, request.prospectIds);
  const allIds = [...new Set([...resolved.values()].flatMap((r) => (r.person ? [...r.ids, r.person.id] : [])))];
  // Every team-visible note and feed entry of everyone in the request, in one query.
  const rows = await db.query<{ kind: string; doc: Note | Activity }>(
    `SELECT kind, doc FROM entities WHERE team_id = $1 AND kind IN ('note', 'activity') AND doc->>'prospectId' = ANY($2::text[])
        AND visible_to IS NULL AND doc->>'deletedAt' IS NULL`,
    [teamId, allIds],
  );
  const notes = rows.flatMap((r) => (r.kind === 'note' && (r.doc as Note).visibility === 'team' ? [r.doc as Note] : [])).sort((a, b) => b.createdAt - a.createdAt);
  const earlier = rows
    .flatMap((r) => (r.kind === 'activity' && (r.doc as Activity).kind === 'review_decision' ? [r.doc as Extract<Activity, { kind: 'review_decision' }>] : []))
    .filter((a) => a.data.requestId !== request.id)
    .sort((a, b) => b.at - a.at);
  const roleIds = [...new Set(earlier.flatMap((a) => (a.requisitionId && a.requisitionId !== request.requisitionId ? [a.requisitionId] : [])))];
  const roles = new Map<string, string | null>([[request.requisitionId, requisition?.title ?? null], ...(await docs<Requisition>(db, teamId, 'requisition', roleIds)).map((r) => [r.id, r.title] as const)]);
  const people: PagePerson[] = request.prospectIds.map((key) => {
    const { person, ids } = resolved.get(key)!;
    const theirs = new Set(person ? [...ids, person.id] : []);
    const decision = decisions.find((d) => d.prospectId === key);
    return {
      key,
      name: person?.name ?? null,
      headline: person?.headline ?? null,
      place: person ? [person.company, person.location].filter(Boolean).join(' · ') || null : null,
      notes: notes.filter((n) => theirs.has(n.prospectId)).map((n) => ({ who: nameOf(n.authorId), when: when(n.createdAt), body: n.body })),
      earlier: earlier
        .filter((a) => theirs.has(a.prospectId))
        .map((a) => ({ who: nameOf(a.actorId), verdict: a.data.verdict, role: a.requisitionId ? (roles.get(a.requisitionId) ?? null) : null, when: when(a.at), note: a.data.note })),
      decision: decision ? decisionOnPage(decision, zone, now) : null,
    };
  });
  const items = [
    ...(requisition?.mustHaves ?? []).map((text) => ({ text, kind: 'must' as const })),
    ...(requisition?.niceToHaves ?? []).map((text) => ({ text, kind: 'nice' as const })),
  ].filter((item, i, all) => all.findIndex((x) => x.text === item.text) === i);
  return {
    role: requisition?.title ?? 'A role',
    requester: nameOf(request.requesterId),
    reviewer: reviewer.name,
    message: request.message,
    due: `${dueSentence(request.dueAt, now)} (${when(request.dueAt)}${reviewer.timeZone ? '' : ' UTC'})`,
    status: request.status,
    items,
    people,
  };
}
