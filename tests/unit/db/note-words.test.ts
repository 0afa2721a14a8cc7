import { ulid } from 'ulidx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TandemDB } from '@/lib/db/database';
import { mutate } from '@/lib/db/mutate';
import { notesByWordStart } from '@/lib/db/note-words';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';
import { matchText } from '@/lib/db/people-search';
import type { Note } from '@/lib/model';
import { noteAdd, noteEdit, prospectUpsert } from '@/lib/mutations';
import { arrived, freshDb, identity, member, signInAs, wipe } from '../../support/db';
import { watchReads } from '../../support/watch-reads';

const synced = { teamId: 'local', version: 1, deletedAt: null };
const riley = member('recruiter');

function note(id: string, body: string, patch: Partial<Note> = {}): Note {
  return { ...synced, id, prospectId: 'P', authorId: riley.me.memberId, body, visibility: 'team', mentions: [], createdAt: 1, editedAt: null, ...patch };
}

/** Every word listed for each note, from the rows as stored. */
async function listed(db: TandemDB): Promise<Record<string, string[]>> {
  const byNote: Record<string, string[]> = {};
  for (const row of await db.noteWords.toArray()) for (const id of row.ids) (byNote[id] ??= []).push(row.word);
  for (const words of Object.values(byNote)) words.sort();
  return byNote;
}

let db: TandemDB;
beforeEach(async () => {
  db = freshDb();
  await signInAs(db, riley);
});
afterEach(() => db.close());

describe("the notes' search words (lib/db/note-words.ts)", () => {
  it('lists the notes written together in one row per distinct word, not an entry per word per note', async () => {
    await arrived(db, 'notes', note('N1', 'Kubernetes expert'), note('N2', 'kubernetes admin, kubernetes fan'), note('N3', 'Rust expert'));
    const rows = await db.noteWords.toArray();
    expect(rows.map((r) => [r.word, [...r.ids].sort()]).sort()).toEqual([
      ['admin', ['N2']],
      ['expert', ['N1', 'N3']],
      ['fan', ['N2']],
      ['kubernetes', ['N1', 'N2']],
      ['rust', ['N3']],
    ]);
    expect(new Set(rows.map((r) => r.batch)).size).toBe(1);
    expect((await notesByWordStart(db, 'kub')).sort()).toEqual(['N1', 'N2']);
    // The row as read back is the note as written: where its words are listed is the device's own.
    expect(await db.notes.get('N1')).toHaveProperty('wordsBatch');
  });

  it('keeps the rows the words of the notes as they are: a changed note by its new words only, a deleted one nowhere, a cleared table none', async () => {
    await arrived(db, 'notes', note('N1', 'Kubernetes expert'), note('N2', 'kubernetes admin'), note('N3', 'Rust expert'));
    await arrived(db, 'notes', note('N1', 'Golang expert', { version: 2 }));
    expect(await listed(db)).toEqual({ N1: ['expert', 'golang'], N2: ['admin', 'kubernetes'], N3: ['expert', 'rust'] });
    expect(await notesByWordStart(db, 'kubernetes')).toEqual(['N2']);
    // Deleted outright (an erasure, a note the member may no longer see): nothing of it is left.
    await db.transaction('rw', db.notes, async () => {
      allowSyncedWrites('pull');
      await db.notes.delete('N3');
    });
    expect(await listed(db)).toEqual({ N1: ['expert', 'golang'], N2: ['admin', 'kubernetes'] });
    expect(await db.noteWords.where('[word+batch]').between(['rust', ''], ['rust', '\uffff']).count()).toBe(0);
    // Part of the table deleted by a range of ids.
    await db.transaction('rw', db.notes, async () => {
      allowSyncedWrites('pull');
      await db.notes.where(':id').below('N2').delete();
    });
    expect(await listed(db)).toEqual({ N2: ['admin', 'kubernetes'] });
    await wipe(db);
    expect(await db.noteWords.count()).toBe(0);
  });

  it('follows the member\'s own notes through mutate(), and the People search finds them by their words', async () => {
    const { result: person } = await mutate(db, prospectUpsert, { identity: identity('ada') }, riley);
    const id = ulid();
    await mutate(db, noteAdd, { id, prospectId: person!, body: 'Met at the fortran meetup' }, riley);
    expect(await matchText(db, riley.me.memberId, 'fortr')).toEqual(new Set([person]));
    await mutate(db, noteEdit, { id, body: 'Met at the cobol meetup' }, riley);
    expect(await matchText(db, riley.me.memberId, 'fortr')).toEqual(new Set());
    expect(await matchText(db, riley.me.memberId, 'cobol')).toEqual(new Set([person]));
    expect(await listed(db)).toEqual({ [id]: ['cobol', 'meetup', 'met', 'the'] });
  });

  it('reads no stored note one by one when a page of notes new to the device arrives, and does when one was stored', async () => {
    const fresh = freshDb();
    const reads: string[] = [];
    watchReads(fresh, 'note-reads', { getMany: (table, req) => table === 'notes' && reads.push(...(req.keys as string[])) }, 0);
    const page = Array.from({ length: 60 }, (_, i) => note(`N${String(i).padStart(3, '0')}`, `note number ${i}`));
    await arrived(fresh, 'notes', ...page);
    expect(reads).toEqual([]);
    // An edit among new notes: they are read, and the edited one leaves its old words.
    await arrived(fresh, 'notes', note('N000', 'edited body', { version: 2 }), ...Array.from({ length: 59 }, (_, i) => note(`M${String(i).padStart(3, '0')}`, 'another note')));
    expect(reads).toContain('N000');
    expect(await notesByWordStart(fresh, 'number')).not.toContain('N000');
    expect(await notesByWordStart(fresh, 'edited')).toEqual(['N000']);
    fresh.close();
  });
});
