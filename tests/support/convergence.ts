import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { type StoredRows, type TandemDB, fromStoredRow } from '@/lib/db/database';
import { KIND_OF_TABLE, type SyncedTable } from '@/lib/model';
import type { Queryable } from '@/server/db/database';

/** A seeded random source: the same seed, the same run. */
export class Rng {
  private readonly gen;
  constructor(seed: number) {
    this.gen = xoroshiro128plus(seed);
  }
  int(min: number, max: number) {
    return uniformInt(this.gen, min, max);
  }
  chance(p: number) {
    return this.int(0, 9999) < p * 10000;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)]!;
  }
}

/** JSON with object keys sorted, so equal records compare equal whatever their key order. */
export const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

/** A device's synced rows by `kind:id`, as the server stores them. */
export async function deviceRows(db: TandemDB): Promise<Map<string, unknown>> {
  const rows = new Map<string, unknown>();
  for (const [table, kind] of Object.entries(KIND_OF_TABLE)) {
    for (const row of (await db.table(table).toArray()) as { id: string }[]) {
      rows.set(`${kind}:${row.id}`, fromStoredRow(table as SyncedTable, row as StoredRows[SyncedTable]));
    }
  }
  return rows;
}

/** What the server lets the member see: the team's rows, and the member's own private ones. */
export async function serverRows(db: Queryable, teamId: string, memberId: string): Promise<Map<string, unknown>> {
  const rows = await db.query<{ kind: string; id: string; doc: unknown }>('SELECT kind, id, doc FROM entities WHERE team_id = $1 AND (visible_to IS NULL OR visible_to = $2)', [teamId, memberId]);
  return new Map(rows.map((r) => [`${r.kind}:${r.id}`, r.doc]));
}

/** Every way a device's rows differ from the server's view, in words. */
export function diff(device: Map<string, unknown>, server: Map<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [k, v] of device) {
    if (!server.has(k)) problems.push(`only on device: ${k}`);
    else if (canonical(v) !== canonical(server.get(k))) problems.push(`differs: ${k}\n  device ${canonical(v)}\n  server ${canonical(server.get(k))}`);
  }
  for (const k of server.keys()) if (!device.has(k)) problems.push(`only on server: ${k}`);
  return problems;
}
