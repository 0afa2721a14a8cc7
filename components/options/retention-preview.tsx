import { format } from 'date-fns';
import { useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import type { RetentionPreview } from '@/lib/model';
import { previewRetention } from '@/lib/sync/retention-preview';

/** Names listed at once; a team switching retention on late may have thousands. */
const LISTED = 50;

/**
 * Before an admin switches retention on or changes its months: who the rule would erase now, by
 * name, asked of the team server (which alone holds the whole history and runs the rule). Keyed
 * by months where it is used: another number starts it afresh, as the last answer no longer
 * says what saving would do.
 */
export function RetentionPreviewButton({ months }: { months: number | null }) {
  const db = useDb();
  const [preview, setPreview] = useState<RetentionPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (months === null) return null;

  const ask = async () => {
    setBusy(true);
    setError(null);
    try {
      setPreview(await previewRetention(db, months));
    } catch (e) {
      setError(`Could not preview: ${e instanceof Error ? e.message : 'the server did not answer'}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="retention-preview" data-testid="retention-preview">
      <button type="button" className="secondary" disabled={busy} aria-busy={busy} onClick={() => void ask()}>
        Preview who this would erase
      </button>
      <ErrorMessage error={error} />
      {preview && <PreviewResult preview={preview} />}
    </div>
  );
}

function PreviewResult({ preview }: { preview: RetentionPreview }) {
  const { people, months } = preview;
  if (people.length === 0) {
    return (
      <p role="status" data-testid="retention-preview-count" data-value={0}>
        Nobody now: everyone has had activity in the last {months === 1 ? 'month' : `${months} months`}.
      </p>
    );
  }
  return (
    <>
      <p role="status" data-testid="retention-preview-count" data-value={people.length}>
        {people.length === 1 ? '1 person' : `${people.length.toLocaleString('en-US')} people`} would be erased at the next daily run, with nothing kept but
        the suppression list:
      </p>
      <ul className="retention-preview-people" aria-label="People retention would erase">
        {people.slice(0, LISTED).map((p) => (
          <li key={p.id}>
            <span dir="auto">{p.name}</span> <span className="muted">(last activity {format(p.lastActivityAt, 'd MMM yyyy')})</span>
          </li>
        ))}
      </ul>
      {people.length > LISTED && <p className="muted">and {(people.length - LISTED).toLocaleString('en-US')} more.</p>}
    </>
  );
}
