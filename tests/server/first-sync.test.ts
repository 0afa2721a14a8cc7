/**
 * Issue 13, first sign-in to a large team (docs/sync.md): the pull's `recent` and `history`
 * phases together send exactly what one full pull sends, for every role, with rows edited, made
 * private, erased and added between and during the phases; bad phase parameters are a 400.
 */
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { DEFERRABLE, type PullResponse } from '@/lib/model';
import { DATABASE_KINDS } from './support/databases';
import { type App, type SignedIn, as, call, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';

/** Rows dated before this are older history in these tests. */
const OLDER_THAN = 5_000;
const OLD = 1_000;
const NEW = 9_000;

type Phase = { phase: 'recent'; upTo?: number } | { phase: 'history'; upTo: number };

async function pullPhase(app: App, who: SignedIn, cursor: number, limit: number, p: Phase): Promise<PullResponse> {
  const upTo = p.upTo === undefined ? '' : `&upTo=${p.upTo}`;
  const res = await call(app, 'GET', `/v1/pull?clientId=${who.clientId}&cursor=${cursor}&limit=${limit}&phase=${p.phase}${upTo}&olderThan=${OLDER_THAN}`, { token: who.token });
  if (res.status !== 200) throw new Error(`pull → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as PullResponse;
}

const keyOf = (r: PullResponse['rows'][number]) => `${r.kind}:${r.id}`;

/** What a device holds after writing these rows in order (a row without content deletes). */
function stateAfter(rows: PullResponse['rows']): Map<string, unknown> {
  const state = new Map<string, unknown>();
  for (const r of rows) {
    if (r.doc === null) state.delete(keyOf(r));
    else state.set(keyOf(r), r.doc);
  }
  return state;
}

const dated = (doc: unknown) => doc as { at?: number; createdAt?: number };
const isOlder = (r: PullResponse['rows'][number], upTo: number) => {
  const field = DEFERRABLE.find((d) => d.kind === r.kind)?.at;
  const at = field === undefined || r.doc === null ? undefined : (dated(r.doc) as Record<string, number | undefined>)[field];
  return at !== undefined && at < OLDER_THAN && r.version <= upTo;
};

describe.each(DATABASE_KINDS)('first sign-in in two phases on %s', (kind) => {
  const server = serverFor(kind);

  /** A team whose recruiter wrote people, old and new activities and notes (some private). */
  async function team() {
    const { members } = await teamWith(server.db, ['recruiter', 'sourcer', 'hiring_manager']);
    const writer = as(server.app, members[0]!);
    const people = Array.from({ length: 6 }, (_, i) => ({ id: ulid(), name: `Person ${i}` }));
    const notes: string[] = [];
    for (const [i, p] of people.entries()) {
      await writer.push([{ name: 'prospect.upsert', args: { id: p.id, identity: identity(`person-${i}`, p.name), at: OLD } }]);
      for (const at of [OLD, OLD + 1, NEW]) {
        await writer.push([{ name: 'activity.log', args: { id: ulid(), prospectId: p.id, kind: 'outreach', data: { channel: 'email' }, at } }]);
        const note = ulid();
        notes.push(note);
        await writer.push([{ name: 'note.add', args: { id: note, prospectId: p.id, body: `About ${p.name} at ${at}`, visibility: at === OLD + 1 ? 'private' : 'team', at } }]);
      }
    }
    return { members, writer, people, notes };
  }

  /** Every page of a phase from `cursor` on; `between` runs before each further page. */
  async function pagesOf(who: SignedIn, cursor: number, limit: number, p: Phase, between: () => Promise<void> = () => Promise.resolve()) {
    const rows: PullResponse['rows'] = [];
    let upTo = p.upTo;
    for (;;) {
      const page = await pullPhase(server.app, who, cursor, limit, { ...p, upTo } as Phase);
      upTo ??= page.head;
      rows.push(...page.rows);
      cursor = page.cursor;
      if (!page.more) return { rows, cursor, upTo: upTo! };
      await between();
    }
  }

  it('sends, for each role, exactly the rows of one full pull when nothing changes between the phases', async () => {
    const { members } = await team();
    for (const who of members) {
      const { rows: recent, cursor, upTo } = await pagesOf(who, 0, 4, { phase: 'recent' });
      expect(cursor).toBe(upTo);
      const { rows: history } = await pagesOf(who, 0, 3, { phase: 'history', upTo });
      const full = await as(server.app, who).pullAll(1000);
      const key = (r: PullResponse['rows'][number]) => `${r.kind}:${r.id}:${r.version}:${JSON.stringify(r.doc)}`;
      expect([...recent, ...history].map(key).sort()).toEqual(full.map(key).sort());
      // The split is the one the docs promise: history is only older rows, recent none of them.
      expect(history.length).toBeGreaterThan(0);
      expect(history.every((r) => isOlder(r, upTo))).toBe(true);
      expect(recent.some((r) => isOlder(r, upTo))).toBe(false);
    }
  });

  it('converges on one full pull, no row twice, with rows edited, made private, erased and added during both phases', async () => {
    const { members, writer, people, notes } = await team();
    const admin = as(server.app, members[0]!);
    // Changes made by the writer while each reader's first sign-in is under way, one per step.
    const changes = [
      () => writer.push([{ name: 'note.edit', args: { id: notes[0]!, body: 'Edited old note', at: NEW + 1 } }]),
      () => writer.push([{ name: 'note.edit', args: { id: notes[3]!, body: 'Now private', visibility: 'private', at: NEW + 2 } }]),
      () => admin.push([{ name: 'prospect.erase', args: { prospectId: people[1]!.id, confirmName: people[1]!.name, at: NEW + 3 } }]),
      () => writer.push([{ name: 'activity.log', args: { id: ulid(), prospectId: people[2]!.id, kind: 'outreach', data: { channel: 'call' }, at: OLD } }]),
      () => writer.push([{ name: 'note.delete', args: { id: notes[6]!, at: NEW + 4 } }]),
      () => admin.push([{ name: 'prospect.erase', args: { prospectId: people[4]!.id, confirmName: people[4]!.name, at: NEW + 5 } }]),
      () => writer.push([{ name: 'note.edit', args: { id: notes[9]!, body: 'Edited during history', at: NEW + 6 } }]),
    ];
    for (const [m, who] of members.entries()) {
      const change = async (step: number) => {
        const c = changes[(step + m) % changes.length];
        if (c) expect((await c()).rejected).toEqual([]);
      };
      let step = 0;
      const received: PullResponse['rows'] = [];
      let cursor = 0;
      let upTo: number | undefined;
      const mainToEnd = async () => {
        const main = await pagesOf(who, cursor, 4, { phase: 'recent', upTo }, () => change(step++));
        received.push(...main.rows);
        ({ cursor, upTo } = main);
      };
      await mainToEnd();
      // As the device does: each history page after the main cursor reached the end.
      for (let h = 0; ; ) {
        await change(step++);
        await mainToEnd();
        const page = await pullPhase(server.app, who, h, 2, { phase: 'history', upTo: upTo! });
        received.push(...page.rows);
        h = page.cursor;
        if (!page.more) break;
      }
      await change(step++);
      await mainToEnd();
      const full = await as(server.app, who).pullAll(1000);
      expect(stateAfter(received)).toEqual(stateAfter(full));
      const seen = received.map((r) => `${r.kind}:${r.id}:${r.version}`);
      expect(seen.length).toBe(new Set(seen).size);
    }
  });

  it('refuses bad phase parameters with a 400 and a reason', async () => {
    const { members } = await teamWith(server.db, ['sourcer']);
    const who = members[0]!;
    const ask = (q: string) => call(server.app, 'GET', `/v1/pull?clientId=${who.clientId}&${q}`, { token: who.token });
    for (const [q, reason] of [
      ['phase=everything', /phase/],
      ['phase=history&olderThan=5', /phase=history needs upTo/],
      ['phase=recent', /phase=recent needs olderThan/],
      ['olderThan=5', /upTo and olderThan go with phase=recent or phase=history/],
      ['phase=history&upTo=3&olderThan=5&cursor=4', /a history cursor cannot be past upTo/],
      ['phase=recent&olderThan=-1', /olderThan/],
    ] as const) {
      const res = await ask(q);
      expect(res.status, q).toBe(400);
      expect((res.body as { error: string }).error, q).toMatch(reason);
    }
  });

  it('answers reset to an upTo beyond the team, as to a cursor beyond it', async () => {
    const { members } = await teamWith(server.db, ['sourcer']);
    const page = await pullPhase(server.app, members[0]!, 0, 10, { phase: 'history', upTo: 1_000_000 });
    expect(page.reset).toBe(true);
  });
});
