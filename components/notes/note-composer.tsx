import { forwardRef, useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { TextLimit, isTooLong, limitProps, measureText } from '@/components/ui/text-limit';
import { useAction } from '@/components/ui/use-action';
import { NOTE_MAX_LENGTH, type NoteVisibility, type ProspectIdentity } from '@/lib/model';
import { noteAdd } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { ensureProspect } from '@/lib/prospects/record-visit';
import { VisibilitySelect } from './visibility-select';

/** Writes a note; Ctrl/⌘+Enter saves. The draft survives a failed save. */
export const NoteComposer = forwardRef<HTMLTextAreaElement, { identity: ProspectIdentity }>(function NoteComposer(
  { identity },
  ref,
) {
  const db = useDb();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<NoteVisibility>('team');
  const { run, error, busy: saving } = useAction();
  const size = measureText(body, NOTE_MAX_LENGTH);

  const save = async () => {
    if (saving || isTooLong(size)) return;
    if (await run(async () => mutate(db, noteAdd, { prospectId: await ensureProspect(db, identity), body, visibility }))) {
      setBody('');
      // Each note starts as the team's: a private one is a choice made for that note only.
      setVisibility('team');
    }
  };

  return (
    <form
      className="note-composer"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor="note-input">Add a note</label>
      <textarea
        id="note-input"
        ref={ref}
        data-testid="note-input"
        value={body}
        {...limitProps('note-input', size)}
        dir="auto"
        rows={3}
        placeholder="What should the team know? (N to focus, Ctrl+Enter to save)"
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      />
      <TextLimit id="note-input" size={size} />
      <div className="row">
        <VisibilitySelect value={visibility} onChange={setVisibility} />
        <button type="submit" data-testid="note-submit" disabled={saving || body.trim() === '' || isTooLong(size)}>
          Save note
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
});
