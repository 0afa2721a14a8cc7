// Deterministic recruiting-style records (notes and activities), ~200–400 bytes of JSON each.
// Shared so that the PouchDB baseline and our own sync benchmark can replicate the very same data.

export type BenchRecord = Record<string, unknown> & { id: string; kind: 'note' | 'activity' };

const MIN_BYTES = 200;
const MAX_BYTES = 400;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const WORDS = (
  'candidate interview offer follow up recruiter hiring manager onsite loop referral inmail ' +
  'replied interested salary relocation remote backend frontend staff senior principal team ' +
  'pipeline screen call scheduled availability notice period visa portfolio github strong ' +
  'culture fit concerns references next steps feedback debrief'
).split(' ');
const STAGES = ['sourced', 'contacted', 'screen', 'onsite', 'offer', 'hired'];
const ACTIVITY_KINDS = ['viewed', 'outreach', 'reply', 'stage_changed', 'review_requested'] as const;

/** mulberry32: small, fast, deterministic PRNG in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A ULID-shaped id (10 time chars + 16 random chars), deterministic from `ms` and `rand`. */
function ulidLike(ms: number, rand: () => number): string {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  let tail = '';
  for (let i = 0; i < 16; i++) tail += CROCKFORD[Math.floor(rand() * 32)]!;
  return time + tail;
}

function words(rand: () => number, length: number): string {
  let s = '';
  while (s.length < length) s += (s ? ' ' : '') + WORDS[Math.floor(rand() * WORDS.length)]!;
  return s.slice(0, length).trimEnd() || 'note';
}

/**
 * `n` records, the same for the same `n` and `seed`. Ids are unique and sort by creation time.
 * Each record's JSON is between 200 and 400 bytes (ASCII only).
 */
/** The seed of the records a warm-up replicates (bench/sync-vs-pouchdb.ts): not the timed records. */
export const WARMUP_SEED = 7;

export function makeRecords(n: number, seed = 20_240_601): BenchRecord[] {
  const rand = prng(seed);
  const start = Date.UTC(2025, 0, 6, 9, 0, 0);
  const teamId = ulidLike(start - 86_400_000, rand);
  const members = Array.from({ length: 8 }, () => ulidLike(start - 3_600_000, rand));
  const prospects = Array.from({ length: Math.max(1, Math.ceil(n / 20)) }, () => ulidLike(start, rand));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  const out: BenchRecord[] = [];
  for (let i = 0; i < n; i++) {
    const atMs = start + i * 37_000 + Math.floor(rand() * 30_000);
    const at = new Date(atMs).toISOString();
    const id = ulidLike(atMs, rand);
    let rec: BenchRecord;
    if (rand() < 0.5) {
      rec = {
        id,
        kind: 'note',
        teamId,
        prospectId: pick(prospects),
        authorId: pick(members),
        visibility: rand() < 0.85 ? 'team' : 'private',
        mentions: rand() < 0.2 ? [pick(members)] : [],
        body: '',
        at,
        editedAt: null,
        version: 1,
        deletedAt: null,
      };
    } else {
      const kind = pick(ACTIVITY_KINDS);
      rec = {
        id,
        kind: 'activity',
        teamId,
        prospectId: pick(prospects),
        actorId: pick(members),
        activity: kind,
        data: kind === 'stage_changed' ? { from: pick(STAGES), to: pick(STAGES) } : kind === 'outreach' ? { channel: 'inmail' } : {},
        body: '',
        at,
        requisitionId: rand() < 0.5 ? pick(prospects) : null,
        version: 1,
        deletedAt: null,
      };
    }
    // The body fills the record up to a size drawn uniformly from [max(base + 16, 200), 390].
    const base = JSON.stringify(rec).length;
    const low = Math.max(base + 16, MIN_BYTES);
    const target = low + Math.floor(rand() * Math.max(1, MAX_BYTES - 10 - low));
    rec.body = words(rand, target - base);
    const size = JSON.stringify(rec).length;
    if (size < MIN_BYTES || size > MAX_BYTES) throw new Error(`record ${i} is ${size} bytes`);
    out.push(rec);
  }
  return out;
}
