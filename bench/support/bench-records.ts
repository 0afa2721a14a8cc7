// The PouchDB baseline's deterministic records (bench/pouchdb/records.ts) as Tandem mutations, so
// both sides replicate the same data: each record becomes one `note.add` or `activity.log` on
// the record's prospect, and the record's prospects are created first with `prospect.upsert`.
//
// Sizes: a note keeps the record's body; an activity has no free text in our schema, so its row
// is smaller than the record it comes from. To keep the payload comparable, the bytes the
// activities lack are spread over the notes' bodies (repeating the record's own words), so that
// the JSON of all synced notes and activities adds up to the JSON of all records (±1 %).
import type { z } from 'zod';
import type { ActivityLogArgs, NoteAddArgs, ProspectUpsertArgs } from '@/lib/model';
import type { BenchRecord } from '../pouchdb/records';

type NoteAdd = z.output<typeof NoteAddArgs>;
type ActivityLog = z.output<typeof ActivityLogArgs>;
type ProspectUpsert = z.output<typeof ProspectUpsertArgs>;

export type PlannedWrite = { name: 'note.add'; args: NoteAdd } | { name: 'activity.log'; args: ActivityLog };

export interface Plan {
  prospects: ProspectUpsert[];
  writes: PlannedWrite[];
  /** Σ JSON bytes of the records (what PouchDB replicates, without _id/_rev). */
  recordBytes: number;
  /** Σ JSON bytes our rows are expected to have (checked against the pulled rows). */
  plannedRowBytes: number;
}

const PROBE_ID = '01JH0000000000000000000000';
const PROBE_VERSION = 5000;

/** The activity kinds a member logs by hand; the record's other kinds map onto them. */
function activityOf(rec: BenchRecord): Pick<ActivityLog, 'kind' | 'data'> {
  switch (rec.activity) {
    case 'outreach':
      return { kind: 'outreach', data: { channel: 'inmail' } };
    case 'stage_changed':
      return { kind: 'outreach', data: { channel: 'email' } };
    case 'review_requested':
      return { kind: 'outreach', data: { channel: 'call' } };
    case 'reply':
      return { kind: 'reply', data: { interest: 'replied' } };
    // `viewed` is deduplicated per person and day, which would drop records: log a reply instead.
    default:
      return { kind: 'reply', data: { interest: 'interested' } };
  }
}

/** The row the server (and then every device) stores for a write, as the mutations build it. */
export function rowOf(w: PlannedWrite, memberId = PROBE_ID, teamId = PROBE_ID, version = PROBE_VERSION): object {
  if (w.name === 'note.add') {
    const { id, prospectId, body, visibility, at } = w.args;
    return { id, deletedAt: null, prospectId, authorId: memberId, body, visibility, mentions: [], createdAt: at, editedAt: null, teamId, version };
  }
  return { ...w.args, deletedAt: null, actorId: memberId, teamId, version };
}

const bytes = (o: unknown) => JSON.stringify(o).length;

/** `text` lengthened to `length` characters by repeating its words (trimmed, never empty). */
function fill(text: string, length: number): string {
  const words = text.split(' ').filter(Boolean);
  let s = text;
  for (let i = 0; s.length < length; i++) s += ' ' + (words[i % words.length] ?? 'note');
  return s.slice(0, Math.max(1, length)).trim() || 'note';
}

/** `keyPrefix` tells apart the people of several clients in one team (same keys would merge them). */
export function planFromRecords(records: BenchRecord[], { keyPrefix = 'bench-person' }: { keyPrefix?: string } = {}): Plan {
  const prospectIds = [...new Set(records.map((r) => r.prospectId as string))].sort();
  const prospects = prospectIds.map((id, i) => ({
    id,
    at: Date.UTC(2025, 0, 6, 8, 0, 0) + i,
    identity: {
      site: 'linkedin' as const,
      key: `linkedin:${keyPrefix}-${i}`,
      url: `https://www.linkedin.com/in/${keyPrefix}-${i}/`,
      name: `Bench Person ${i}`,
      headline: 'Staff engineer',
      company: 'Example Corp',
      location: 'Berlin',
    },
  }));

  const writes: PlannedWrite[] = records.map((rec) => {
    const common = { id: rec.id, prospectId: rec.prospectId as string, at: Date.parse(rec.at as string) };
    if (rec.kind === 'note') return { name: 'note.add', args: { ...common, body: rec.body as string, visibility: 'team' } };
    return { name: 'activity.log', args: { ...common, requisitionId: (rec.requisitionId as string | null) ?? null, ...activityOf(rec) } as ActivityLog };
  });

  // What the activities lack in bytes, spread over the notes.
  const recordBytes = records.reduce((n, r) => n + bytes(r), 0);
  let deficit = 0;
  let notes = 0;
  records.forEach((rec, i) => {
    if (writes[i]!.name === 'activity.log') deficit += bytes(rec) - bytes(rowOf(writes[i]!));
    else notes++;
  });
  let spread = 0;
  records.forEach((rec, i) => {
    const w = writes[i]!;
    if (w.name !== 'note.add') return;
    const share = Math.round(((spread + 1) * deficit) / notes) - Math.round((spread * deficit) / notes);
    spread++;
    const empty = bytes(rowOf({ ...w, args: { ...w.args, body: '' } }));
    w.args.body = fill(rec.body as string, bytes(rec) - empty + share);
  });
  const plannedRowBytes = writes.reduce((n, w) => n + bytes(rowOf(w)), 0);
  return { prospects, writes, recordBytes, plannedRowBytes };
}
