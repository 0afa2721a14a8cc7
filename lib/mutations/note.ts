import { ulid } from 'ulidx';
import { z } from 'zod';
import type { TandemDB } from '@/lib/db/database';
import { Id, NoteBody, NoteVisibility, Timestamp } from '@/lib/model';
import { MutationRefused, NO_CHANGE, defineMutation } from './define';

const Now = Timestamp.default(() => Date.now());

export const noteAdd = defineMutation({
  name: 'note.add',
  args: z.object({
    id: Id.default(() => ulid()),
    prospectId: Id,
    body: NoteBody,
    visibility: NoteVisibility.default('team'),
    at: Now,
  }),
  async apply(db, { id, prospectId, body, visibility, at }, { me }) {
    const prospect = await db.prospects.get(prospectId);
    if (!prospect || prospect.deletedAt !== null) throw new MutationRefused('note.add', 'no such person');
    await db.notes.add({
      id,
      teamId: me.teamId,
      version: 0,
      deletedAt: null,
      prospectId,
      authorId: me.memberId,
      body,
      visibility,
      mentions: [],
      createdAt: at,
      editedAt: null,
    });
    return id;
  },
});

/** Only the author may change a note; the server enforces the same rule. */
async function ownNote(db: TandemDB, mutation: string, id: string, memberId: string) {
  const note = await db.notes.get(id);
  if (!note) throw new MutationRefused(mutation, 'no such note');
  if (note.authorId !== memberId) throw new MutationRefused(mutation, 'only the author can change a note');
  return note;
}

export const noteEdit = defineMutation({
  name: 'note.edit',
  args: z.object({ id: Id, body: NoteBody, visibility: NoteVisibility.optional(), at: Now }),
  async apply(db, { id, body, visibility, at }, { me }) {
    const note = await ownNote(db, 'note.edit', id, me.memberId);
    if (note.deletedAt !== null) throw new MutationRefused('note.edit', 'the note was deleted');
    const nextVisibility = visibility ?? note.visibility;
    if (note.body === body && note.visibility === nextVisibility) return NO_CHANGE;
    await db.notes.put({ ...note, body, visibility: nextVisibility, editedAt: at });
    return id;
  },
});

export const noteDelete = defineMutation({
  name: 'note.delete',
  args: z.object({ id: Id, at: Now }),
  async apply(db, { id, at }, { me }) {
    const note = await ownNote(db, 'note.delete', id, me.memberId);
    if (note.deletedAt !== null) return NO_CHANGE;
    await db.notes.put({ ...note, deletedAt: at });
    return id;
  },
});

/** Undo of a delete: the tombstone is lifted, the note comes back as it was. */
export const noteRestore = defineMutation({
  name: 'note.restore',
  args: z.object({ id: Id }),
  async apply(db, { id }, { me }) {
    const note = await ownNote(db, 'note.restore', id, me.memberId);
    if (note.deletedAt === null) return NO_CHANGE;
    await db.notes.put({ ...note, deletedAt: null });
    return id;
  },
});
