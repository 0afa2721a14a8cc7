import { NoteAddArgs, NoteDeleteArgs, NoteEditArgs, NoteRestoreArgs, canChangeNote } from '@/lib/model';
import { MutationRefused, NO_CHANGE, defineMutation, requireUnusedId, resolveProspect } from './define';
import type { MutationStore } from './store';

export const noteAdd = defineMutation({
  name: 'note.add',
  title: 'A new note',
  args: NoteAddArgs,
  async apply(store, { id, prospectId, body, visibility, at }, { actor }) {
    const prospect = await resolveProspect(store, prospectId);
    if (!prospect) throw new MutationRefused('note.add', 'no such person');
    await requireUnusedId(store, 'note.add', 'notes', id);
    await store.put('notes', {
      id,
      deletedAt: null,
      prospectId: prospect.id,
      authorId: actor.memberId,
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
async function ownNote(store: MutationStore, mutation: string, id: string, memberId: string) {
  const note = await store.get('notes', id);
  if (!note) throw new MutationRefused(mutation, 'no such note');
  if (!canChangeNote(note.authorId, memberId)) throw new MutationRefused(mutation, 'only the author can change a note');
  return note;
}

export const noteEdit = defineMutation({
  name: 'note.edit',
  title: 'A note edit',
  args: NoteEditArgs,
  async apply(store, { id, body, visibility, at }, { actor }) {
    const note = await ownNote(store, 'note.edit', id, actor.memberId);
    if (note.deletedAt !== null) throw new MutationRefused('note.edit', 'the note was deleted');
    const nextVisibility = visibility ?? note.visibility;
    if (note.body === body && note.visibility === nextVisibility) return NO_CHANGE;
    await store.put('notes', { ...note, body, visibility: nextVisibility, editedAt: at });
    return id;
  },
});

export const noteDelete = defineMutation({
  name: 'note.delete',
  title: 'A note deletion',
  args: NoteDeleteArgs,
  async apply(store, { id, at }, { actor }) {
    const note = await ownNote(store, 'note.delete', id, actor.memberId);
    if (note.deletedAt !== null) return NO_CHANGE;
    await store.put('notes', { ...note, deletedAt: at });
    return id;
  },
});

/** Undo of a delete: the tombstone is lifted, the note comes back as it was. */
export const noteRestore = defineMutation({
  name: 'note.restore',
  title: 'A restored note',
  args: NoteRestoreArgs,
  async apply(store, { id }, { actor }) {
    const note = await ownNote(store, 'note.restore', id, actor.memberId);
    if (note.deletedAt === null) return NO_CHANGE;
    await store.put('notes', { ...note, deletedAt: null });
    return id;
  },
});
