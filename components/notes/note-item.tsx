import { useEffect, useRef, useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { useAction } from '@/components/ui/use-action';
import { LongText } from '@/components/ui/long-text';
import { RelativeTime } from '@/components/ui/relative-time';
import { TextLimit, isTooLong, limitProps, measureText } from '@/components/ui/text-limit';
import { NOTE_MAX_LENGTH, type Note, type NoteVisibility } from '@/lib/model';
import { noteDelete, noteEdit, noteRestore } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { useUndo } from '@/components/ui/undo-store';
import { VisibilitySelect } from './visibility-select';

interface Props {
  note: Note;
  author: string;
  mine: boolean;
  now: number;
}

/** A note, rendered as text. Its author can edit it in place or delete it (with undo). */
export function NoteItem({ note, author, mine, now }: Props) {
  const db = useDb();
  const showUndo = useUndo((s) => s.show);
  const [draft, setDraft] = useState<{ body: string; visibility: NoteVisibility } | null>(null);
  const { run, error } = useAction();
  const size = measureText(draft?.body ?? '', NOTE_MAX_LENGTH);
  const editId = `edit-${note.id}`;
  const editor = useRef<HTMLTextAreaElement>(null);
  const editing = draft !== null;

  // Editing continues where the note ends, not before its first word.
  useEffect(() => {
    const el = editor.current;
    if (!editing || !el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [editing]);

  const save = async () => {
    if (draft !== null && !isTooLong(size) && (await run(() => mutate(db, noteEdit, { id: note.id, body: draft.body, visibility: draft.visibility })))) setDraft(null);
  };

  const remove = async () => {
    if (await run(() => mutate(db, noteDelete, { id: note.id }))) {
      showUndo({ id: `note-delete-${note.id}-${Date.now()}`, message: 'Note deleted.', undo: async () => void (await mutate(db, noteRestore, { id: note.id })) });
    }
  };

  return (
    <li data-testid="note-item" className="note">
      <div className="meta">
        <span className="who" dir="auto">
          {author}
        </span> <RelativeTime at={note.createdAt} now={now} />
        {note.editedAt !== null && <span className="muted"> (edited)</span>}
        {note.visibility === 'private' && <span className="badge">Only you</span>}
      </div>
      {draft === null ? (
        <LongText className="body" text={note.body} />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label className="visually-hidden" htmlFor={editId}>
            Edit note
          </label>
          <textarea
            id={editId}
            ref={editor}
            value={draft.body}
            {...limitProps(editId, size)}
            dir="auto"
            rows={3}
            onChange={(e) => setDraft({ ...draft, body: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setDraft(null);
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void save();
              }
            }}
          />
          <TextLimit id={editId} size={size} />
          <div className="row">
            <VisibilitySelect value={draft.visibility} onChange={(visibility) => setDraft({ ...draft, visibility })} />
            <button type="submit" disabled={isTooLong(size)}>
              Save
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {mine && draft === null && (
        <div className="row actions">
          <button type="button" className="link" onClick={() => setDraft({ body: note.body, visibility: note.visibility })} aria-label="Edit note">
            Edit
          </button>
          <button type="button" className="link" onClick={() => void remove()} aria-label="Delete note">
            Delete
          </button>
        </div>
      )}
      <ErrorMessage error={error} />
    </li>
  );
}
