import { z } from 'zod';
import { Id, SyncedFields, Timestamp, shortText } from './common';

export const NOTE_MAX_LENGTH = 10_000;
export const NoteBody = shortText(NOTE_MAX_LENGTH).min(1, 'a note cannot be empty');
export const NoteVisibility = z.enum(['team', 'private']);
export type NoteVisibility = z.infer<typeof NoteVisibility>;

/** Plain text, always rendered as text. Only its author edits or deletes it. */
export const Note = z.object({
  ...SyncedFields,
  prospectId: Id,
  authorId: Id,
  body: NoteBody,
  visibility: NoteVisibility,
  mentions: z.array(Id).max(50),
  createdAt: Timestamp,
  editedAt: Timestamp.nullable(),
});
export type Note = z.infer<typeof Note>;
