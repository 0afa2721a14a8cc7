// The load bench's record of every write the server acknowledged, and the checks that each is
// stored exactly once with the content that was sent: in Postgres, and in a full pull.
import { canonical } from '../../tests/support/convergence';

export interface Actor {
  teamId: string;
  memberId: string;
}

/** A row as Postgres holds it (`entities`) or as a pull delivers it. */
export interface StoredRow {
  kind: string;
  id: string;
  doc: Record<string, unknown> | null;
  visibleTo?: string | null;
}

interface Expectation {
  kind: string;
  id: string;
  /** Fields the stored doc must equal; those named in `people` hold prospect ids, compared after aliases. */
  fields: Record<string, unknown>;
  people: string[];
  /** A private note: only its author pulls it. */
  privateTo: string | null;
}

interface TeamLedger {
  rows: Map<string, Expectation>;
  /** prospect.upsert: the id sent, and the profile key it was for. */
  upserts: Map<string, string>;
}

/** The kinds whose every row comes from a write of this bench (members come from sign-ins). */
const COUNTED_KINDS = ['activity', 'note', 'requisition', 'review_request', 'review_decision'];

type Args = Record<string, unknown>;

export class Ledger {
  private readonly teams = new Map<string, TeamLedger>();

  private team(teamId: string): TeamLedger {
    let t = this.teams.get(teamId);
    if (!t) this.teams.set(teamId, (t = { rows: new Map(), upserts: new Map() }));
    return t;
  }

  /** Rows that acknowledged writes made, all teams. */
  get size(): number {
    let n = 0;
    for (const t of this.teams.values()) n += t.rows.size + t.upserts.size;
    return n;
  }

  /** Records what a mutation the server accepted (acknowledged, not rejected) must have written. */
  acked(actor: Actor, name: string, args: Args): void {
    const t = this.team(actor.teamId);
    const expect = (kind: string, id: unknown, fields: Record<string, unknown>, people: string[] = [], privateTo: string | null = null) => {
      t.rows.set(`${kind}:${String(id)}`, { kind, id: String(id), fields, people, privateTo });
    };
    const activity = (id: unknown, prospectId: unknown, kind: string, data: unknown, requisitionId: unknown = null) =>
      expect('activity', id, { kind, data, prospectId, requisitionId, actorId: actor.memberId, deletedAt: null }, ['prospectId']);
    switch (name) {
      case 'prospect.upsert':
        t.upserts.set(String(args.id), String((args.identity as { key: string }).key));
        return;
      case 'activity.log':
        return activity(args.id, args.prospectId, String(args.kind), args.data, args.requisitionId);
      case 'note.add':
        return expect(
          'note',
          args.id,
          { authorId: actor.memberId, prospectId: args.prospectId, body: args.body, visibility: args.visibility, deletedAt: null },
          ['prospectId'],
          args.visibility === 'private' ? actor.memberId : null,
        );
      case 'note.edit': {
        // Only the author edits a note, and one client's pushes are in order: the last acknowledged edit is what stays.
        const note = t.rows.get(`note:${String(args.id)}`);
        if (!note) throw new Error(`note.edit of a note this bench never added: ${String(args.id)}`);
        note.fields.body = args.body;
        return;
      }
      case 'requisition.save':
        return expect('requisition', args.id, { title: args.title, hiringManagerId: args.hiringManagerId, mustHaves: args.mustHaves, status: args.status });
      case 'review.request': {
        const people = args.prospectIds as string[];
        expect('review_request', args.id, { requesterId: actor.memberId, reviewerId: args.reviewerId, requisitionId: args.requisitionId, prospectIds: people }, ['prospectIds']);
        (args.activityIds as string[]).forEach((id, i) => activity(id, people[i], 'review_requested', { requestId: args.id, reviewerId: args.reviewerId }, args.requisitionId));
        return;
      }
      case 'review.decide': {
        const { id, requestId, prospectId, verdict, met, missing, note } = args;
        expect('review_decision', id, { requestId, prospectId, reviewerId: actor.memberId, verdict, met, missing, note, deletedAt: null }, ['prospectId']);
        // The server files the decision under the request's requisition; undefined (not compared) if the request's ack is not recorded yet.
        const requisitionId = t.rows.get(`review_request:${String(requestId)}`)?.fields.requisitionId;
        return activity(args.activityId, prospectId, 'review_decision', { requestId, decisionId: id, verdict, met, missing, note }, requisitionId);
      }
      case 'prospect.setDoNotContact':
        return activity(args.activityId, args.prospectId, 'dnc_set', { reason: args.reason });
      default:
        throw new Error(`the load ledger does not know what ${name} writes`);
    }
  }

  /**
   * Postgres holds every acknowledged write once, with its content: `lost` (no row), `mismatched`
   * (a field differs), `duplicated` (more rows than writes, or one profile key on two people).
   */
  verifyStored(teamId: string, stored: StoredRow[]) {
    const t = this.team(teamId);
    const byKey = new Map(stored.map((r) => [`${r.kind}:${r.id}`, r]));
    const aliases = new Map(stored.filter((r) => r.kind === 'alias').map((r) => [r.id, String(r.doc?.prospectId)]));
    const resolve = (id: unknown) => aliases.get(String(id)) ?? id;
    const lost: string[] = [];
    const mismatched: string[] = [];
    const duplicated: string[] = [];

    // A request completes with the decision on its last person (decisions are never undone here).
    for (const e of t.rows.values()) {
      if (e.kind !== 'review_request') continue;
      const decided = [...t.rows.values()].filter((d) => d.kind === 'review_decision' && d.fields.requestId === e.id).length;
      e.fields.status = decided >= (e.fields.prospectIds as string[]).length ? 'completed' : 'open';
    }
    for (const e of t.rows.values()) {
      const row = byKey.get(`${e.kind}:${e.id}`);
      if (!row?.doc) {
        lost.push(`${e.kind} ${e.id}`);
        continue;
      }
      for (const [field, value] of Object.entries(e.fields)) {
        if (value === undefined) continue;
        const expected = e.people.includes(field) ? (Array.isArray(value) ? value.map(resolve) : resolve(value)) : value;
        if (canonical(row.doc[field]) !== canonical(expected)) mismatched.push(`${e.kind} ${e.id}: ${field} is ${canonical(row.doc[field])}, sent ${canonical(expected)}`);
      }
    }
    for (const [id, key] of t.upserts) {
      const person = byKey.get(`prospect:${aliases.get(id) ?? id}`)?.doc;
      const keys = ((person?.profiles ?? []) as { key: string }[]).map((p) => p.key);
      if (!keys.includes(key)) lost.push(`prospect ${id} (${key})`);
    }

    const count = (kind: string) => stored.filter((r) => r.kind === kind).length;
    for (const kind of COUNTED_KINDS) {
      const expected = [...t.rows.values()].filter((e) => e.kind === kind).length;
      if (count(kind) > expected) duplicated.push(`${count(kind)} ${kind} rows for ${expected} acknowledged writes`);
    }
    // Each upsert sent a new id: it became the person, or an alias of the person a teammate created first.
    if (count('prospect') + count('alias') > t.upserts.size) duplicated.push(`${count('prospect')} people and ${count('alias')} aliases for ${t.upserts.size} acknowledged upserts`);
    const owners = new Map<string, number>();
    for (const r of stored) if (r.kind === 'prospect' && r.doc?.deletedAt === null) for (const p of r.doc.profiles as { key: string }[]) owners.set(p.key, (owners.get(p.key) ?? 0) + 1);
    for (const [key, n] of owners) if (n > 1) duplicated.push(`${n} people with the profile key ${key}`);
    return { lost, mismatched, duplicated };
  }

  /** Acknowledged writes `memberId` may see (everything but others' private notes): rows as `kind:id`, and the ids upserts sent. */
  visibleTo(teamId: string, memberId: string): Visible {
    const t = this.team(teamId);
    return {
      rows: [...t.rows.values()].filter((e) => e.privateTo === null || e.privateTo === memberId).map((e) => `${e.kind}:${e.id}`),
      people: [...t.upserts.keys()],
    };
  }
}

export interface Visible {
  rows: string[];
  /** Each became a person or an alias of one. */
  people: string[];
}

/** Which of `visible` a set of `kind:id` (a client's view, a full pull) lacks. */
export function missingFrom(visible: Visible, has: (key: string) => boolean): string[] {
  return [...visible.rows.filter((k) => !has(k)), ...visible.people.filter((id) => !has(`prospect:${id}`) && !has(`alias:${id}`)).map((id) => `prospect ${id}`)];
}

/** A full pull (from cursor 0) shows every acknowledged write the member may see, once, as Postgres stores it. */
export function verifyPull(visible: Visible, pulled: StoredRow[], stored: StoredRow[]) {
  const byKey = new Map(stored.map((r) => [`${r.kind}:${r.id}`, r]));
  const seen = new Map<string, StoredRow>();
  const duplicated: string[] = [];
  const mismatched: string[] = [];
  for (const r of pulled) {
    const key = `${r.kind}:${r.id}`;
    if (seen.has(key)) duplicated.push(`${key} arrived twice`);
    seen.set(key, r);
    const db = byKey.get(key);
    if (!db || canonical(db.doc) !== canonical(r.doc)) mismatched.push(`${key} differs from Postgres`);
  }
  return { missing: missingFrom(visible, (k) => !!seen.get(k)?.doc), duplicated, mismatched };
}
