import type { Transaction } from 'dexie';
import { nameKey, nameTokens } from '@/lib/identity';
import { LOCAL_TEAM_ID } from '@/lib/model';
import { fillLastActivity } from './last-activity';
import { noteSearchWords, personSearchWords } from './search-words';

/**
 * Every version the database has had, oldest first. Never edit a shipped version: add one.
 * Each entry is what Dexie needs to open or upgrade to it; tests open v1 and upgrade.
 */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      prospects: 'id, *profileKeys, updatedAt',
      activities: 'id, prospectId, at',
      notes: 'id, prospectId',
      members: 'id',
      requisitions: 'id',
      reviewRequests: 'id, reviewerId',
      reviewDecisions: 'id, requestId, prospectId',
      pipeline: 'id, prospectId, requisitionId',
      outbox: 'mutationId',
      local: 'key',
    },
  },
  {
    // v2: the sidebar reads a person's feed newest first (compound indexes avoid sorting in
    // memory), finds people by email, and the popup counts per person. Emails are lower-cased
    // so the new index matches however they were typed.
    version: 2,
    stores: {
      prospects: 'id, *profileKeys, *emails, updatedAt',
      activities: 'id, [prospectId+at], [prospectId+actorId+kind], at',
      notes: 'id, [prospectId+createdAt]',
      members: 'id, email',
    },
    async upgrade(tx) {
      await tx
        .table('prospects')
        .toCollection()
        .modify((p: { emails?: unknown }) => {
          const emails = Array.isArray(p.emails) ? p.emails : [];
          p.emails = [...new Set(emails.filter((e): e is string => typeof e === 'string').map((e) => e.trim().toLowerCase()))];
        });
      await tx
        .table('members')
        .toCollection()
        .modify((m: { email?: unknown }) => {
          if (typeof m.email === 'string') m.email = m.email.trim().toLowerCase();
        });
    },
  },
  {
    // v3, team sync: aliases (ids the server folded into another person), shadows (what a
    // pending local change overwrote, so it can be rolled back when the server refuses it or
    // rebased when the server's rows arrive) and rejections to show the user.
    version: 3,
    stores: {
      aliases: 'id, prospectId',
      shadows: '[table+id]',
      rejections: 'mutationId',
    },
  },
  {
    // v4, the review loop: requests by reviewer, requisition and the people in them; decisions
    // by request; follow-up reminders by person and due time.
    version: 4,
    stores: {
      requisitions: 'id, status',
      reviewRequests: 'id, reviewerId, requisitionId, *prospectIds, status',
      reviewDecisions: 'id, requestId, prospectId',
      followUps: 'id, prospectId, dueAt',
    },
    async upgrade(tx) {
      // Nothing in these tables came from a server before v4; older drafts lacked the new fields.
      await tx.table('reviewRequests').toCollection().modify((r: { reassignedFrom?: unknown; history?: unknown }) => {
        r.reassignedFrom ??= null;
        r.history ??= [];
      });
    },
  },
  {
    // v5: a pending change carries the team it was written for, so it is never sent to another
    // team; indexed with its id to send and acknowledge one team's changes in order. Changes
    // queued before v5 were written for the team the device is in now (`me`, or the session).
    version: 5,
    stores: {
      outbox: 'mutationId, [teamId+mutationId]',
    },
    async upgrade(tx) {
      // The keys as they were when v5 shipped (lib/db/local-state.ts LOCAL_KEYS).
      const teamOf = async (key: string) => {
        const row = (await tx.table('local').get(key)) as { value?: { teamId?: unknown } } | undefined;
        return typeof row?.value?.teamId === 'string' ? row.value.teamId : null;
      };
      const teamId = (await teamOf('me')) ?? (await teamOf('session')) ?? LOCAL_TEAM_ID;
      await tx.table('outbox').toCollection().modify((entry: { teamId?: unknown }) => {
        if (typeof entry.teamId !== 'string') entry.teamId = teamId;
      });
    },
  },
  {
    // v6, one person across sites: a person is found by their whole name (`nameKey`, words in
    // any order: the "Same person as …?" suggestions) and by the start of any word of it
    // (`nameWords`: the sidebar's search). Both derive from the name, like `profileKeys`.
    version: 6,
    stores: {
      prospects: 'id, *profileKeys, *emails, nameKey, *nameWords, updatedAt',
    },
    async upgrade(tx) {
      await tx
        .table('prospects')
        .toCollection()
        .modify((p: { name?: unknown; nameKey?: unknown; nameWords?: unknown }) => {
          const name = typeof p.name === 'string' ? p.name : '';
          p.nameKey = nameKey(name) ?? '';
          p.nameWords = [...new Set(nameTokens(name))];
        });
    },
  },
  {
    // v7, the dashboard: every requisition's stage moves without reading the whole feed (an
    // activity with no requisition has a null key there, which IndexedDB leaves out).
    version: 7,
    stores: {
      activities: 'id, [prospectId+at], [prospectId+actorId+kind], at, [kind+requisitionId]',
    },
  },
  {
    // v8, the dashboard's People search: a person by the start of any word of their name,
    // headline, company or location (`searchWords`), a note by the start of any word of its body
    // (`words`); when each person was last contacted, read from index keys alone
    // (`[kind+prospectId+at]`: one range per kind, not the whole feed). The words derive from the row, like `nameWords`.
    // A member's saved searches sync to their own devices only.
    version: 8,
    stores: {
      savedSearches: 'id, ownerId',
      prospects: 'id, *profileKeys, *emails, nameKey, *nameWords, *searchWords, updatedAt',
      notes: 'id, [prospectId+createdAt], *words',
      activities: 'id, [prospectId+at], [prospectId+actorId+kind], at, [kind+requisitionId], [kind+prospectId+at]',
    },
    async upgrade(tx) {
      await tx
        .table('prospects')
        .toCollection()
        .modify((p: { name?: unknown; headline?: unknown; company?: unknown; location?: unknown; deletedAt?: unknown; searchWords?: unknown }) => {
          const text = (v: unknown) => (typeof v === 'string' ? v : null);
          p.searchWords = p.deletedAt !== null && p.deletedAt !== undefined ? [] : personSearchWords({ name: text(p.name) ?? '', headline: text(p.headline), company: text(p.company), location: text(p.location) });
        });
      await tx
        .table('notes')
        .toCollection()
        .modify((n: { body?: unknown; words?: unknown }) => {
          n.words = noteSearchWords(typeof n.body === 'string' ? n.body : '');
        });
    },
  },
  {
    // v9, the Numbers view: the people new to the team in a span of time (sourcing's "added")
    // without reading everyone's history before it.
    version: 9,
    stores: {
      prospects: 'id, *profileKeys, *emails, nameKey, *nameWords, *searchWords, updatedAt, createdAt',
    },
  },
  {
    // v10, privacy: the team's privacy choices (one row).
    version: 10,
    stores: {
      teamPrivacy: 'id',
    },
  },
  {
    // v11, the People search at scale: each person's last live activity, derived and local
    // (lib/db/last-activity.ts keeps it in step), so ordering thousands of matches reads one
    // index instead of each one's feed. Filled here from the activities already on the device.
    version: 11,
    stores: {
      lastActivity: 'prospectId, at',
    },
    upgrade: fillLastActivity,
  },
  {
    // v12, privacy: the team's suppression list (keyed hashes of people who asked to be
    // forgotten), found by hash: a page's check reads the entries of its own hashes only.
    version: 12,
    stores: {
      suppressions: 'id, *hashes',
    },
  },
  {
    // v13, fewer index entries for every pull to write (issue 13: Chromium's IndexedDB writes a
    // LevelDB entry per row and per index key, and those writes are most of a big pull): nothing
    // reads people by `updatedAt`, and whether a member viewed a person on a day is read from
    // `[kind+prospectId+at]` (their views that day), so `[prospectId+actorId+kind]` goes.
    version: 13,
    stores: {
      prospects: 'id, *profileKeys, *emails, nameKey, *nameWords, *searchWords, createdAt',
      activities: 'id, [prospectId+at], at, [kind+requisitionId], [kind+prospectId+at]',
    },
  },
  {
    // v14, the privacy-notice reminders read the people a member added (`[createdBy+createdAt]`)
    // and those whose adder was not recorded (`unknownAdderAt`, lib/db/database.ts), not every
    // person stored in the notice window: on a large team that walk ran every sync round and held
    // up the sidebar's reads.
    version: 14,
    stores: {
      prospects: 'id, *profileKeys, *emails, nameKey, *nameWords, *searchWords, createdAt, [createdBy+createdAt], unknownAdderAt',
    },
    async upgrade(tx) {
      await tx
        .table('prospects')
        .filter((p: { createdBy?: unknown }) => !p.createdBy)
        .modify((p: { createdAt: number; unknownAdderAt?: number }) => {
          p.unknownAdderAt = p.createdAt;
        });
    },
  },
  {
    // v15, the guard counts a person's outreach in its window by index keys, less their undone
    // ones (`tombstoneOf`: only undone activities have it, lib/db/database.ts), instead of reading
    // every outreach row to see which are live: hundreds for some people. The rows stored before
    // are walked in the background (lib/db/upgrade-walks.ts): reading a large team's million
    // activities here took 48 s, with the database closed to everything else meanwhile.
    version: 15,
    stores: {
      activities: 'id, [prospectId+at], at, [kind+requisitionId], [kind+prospectId+at], tombstoneOf',
    },
    upgrade: (tx) => leaveWalk(tx, 'activities', 'tombstoneBacklog'),
  },
  {
    // v16, the notes' search words in a table of their own (lib/db/note-words.ts): a row per word
    // per write listing its notes, instead of a multi-entry index entry per word per note (issue
    // 13: most of what storing a note cost in Chromium). The notes already stored are listed in
    // the background (lib/db/upgrade-walks.ts): listing 200,000 here took 33 s with the database
    // closed to everything else.
    version: 16,
    stores: {
      notes: 'id, [prospectId+createdAt]',
      noteWords: '[word+batch]',
    },
    upgrade: (tx) => leaveWalk(tx, 'notes', 'noteWordsBacklog'),
  },
];

/**
 * Leaves the rows of `table` to a background walk from its start (lib/db/upgrade-walks.ts, whose
 * cursor is `key` in `local`), when there are any: an upgrade that read every row of a large team's
 * device would hold the database closed for tens of seconds.
 */
async function leaveWalk(tx: Transaction, table: string, key: string): Promise<void> {
  if ((await tx.table(table).limit(1).primaryKeys()).length === 0) return;
  await tx.table('local').put({ key, value: { after: null } });
}

export const CURRENT_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
