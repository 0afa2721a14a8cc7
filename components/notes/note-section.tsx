import type { RefObject } from 'react';
import { memberName } from '@/components/ui/member-name';
import type { Member, Note, ProspectIdentity } from '@/lib/model';
import { NoteComposer } from './note-composer';
import { NoteItem } from './note-item';

interface Props {
  identity: ProspectIdentity;
  notes: Note[];
  members: Map<string, Member>;
  meId: string | undefined;
  now: number;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

export function NoteSection({ identity, notes, members, meId, now, inputRef }: Props) {
  return (
    <section aria-labelledby="notes-heading">
      <h2 id="notes-heading">Notes</h2>
      <NoteComposer ref={inputRef} identity={identity} />
      {notes.length === 0 ? (
        <p className="muted empty">No notes yet.</p>
      ) : (
        <ul className="notes">
          {notes.map((n) => (
            <NoteItem key={n.id} note={n} author={memberName(n.authorId, members, meId)} mine={n.authorId === meId} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}
