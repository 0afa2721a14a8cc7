import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { Database, Queryable } from '@/server/db/database';
import { push } from '@/server/sync/push';
import type { Note, PullResponse } from '@/lib/model';
import { as, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';

/** Postgres's "invalid text representation": what a row it cannot store raises. */
class DataError extends Error {
  code = '22P02';
}

/**
 * The database, except that storing a row whose text contains `poison` fails like bad data would;
 * `copy`: new rows go in with COPY (PGlite's way), else every row with an INSERT (Postgres's).
 */
function poisoned(db: Database, poison: string, { copy }: { copy: boolean }): Database {
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      if (/INSERT INTO entities/.test(sql) && JSON.stringify(params ?? []).includes(poison)) return Promise.reject(new DataError('invalid input syntax'));
      return q.query(sql, params);
    },
    exec: (sql) => q.exec(sql),
    ...(copy && {
      copyRows: (table, columns, rows) => {
        if (JSON.stringify(rows).includes(poison)) return Promise.reject(new DataError('invalid input syntax'));
        return q.copyRows!(table, columns, rows);
      },
    }),
  });
  return { ...db, ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
}

describe('a push whose batched write fails on bad data', () => {
  const server = serverFor('pglite');

  it.each([
    ['COPY', true],
    ['INSERT', false],
  ])('is applied again one mutation at a time, refusing only the bad one (rows written with %s)', async (_way, copy) => {
    const { members } = await teamWith(server.db, ['recruiter']);
    const who = members[0]!;
    const prospectId = ulid();
    const res = await push(poisoned(server.db, 'POISON', { copy }), { memberId: who.member.id, teamId: who.member.teamId, role: 'recruiter' }, {
      clientId: who.clientId,
      mutations: [
        { id: 1, name: 'prospect.upsert', args: { id: prospectId, identity: identity(), at: 1 } },
        { id: 2, name: 'note.add', args: { id: ulid(), prospectId, body: 'fine', at: 2 } },
        { id: 3, name: 'note.add', args: { id: ulid(), prospectId, body: 'POISON', at: 3 } },
        { id: 4, name: 'note.add', args: { id: ulid(), prospectId, body: 'also fine', at: 4 } },
      ],
    });
    expect(res.lastMutationId).toBe(4);
    expect(res.rejected.map((r) => r.mutationId)).toEqual([3]);
    expect(res.rejected[0]!.reason).toMatch(/^the server could not store this change/);
    const rows: PullResponse['rows'] = await as(server.app, who).pullAll();
    expect(rows.filter((r) => r.kind === 'note').map((r) => (r.doc as Note).body).sort()).toEqual(['also fine', 'fine']);
  });
});
