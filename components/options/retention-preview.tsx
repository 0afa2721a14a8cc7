import { format } from 'date-fns';
import { useEffect, useRef, useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import type { RetentionPreview } from '@/lib/model';
import { previewRetention } from '@/lib/sync/retention-preview';

/** Names listed at once; a team switching retention on late may have thousands, shown on request. */
const LISTED = 50;

/**
 * Before an admin switches retention on or changes its months: who the rule would erase now, by
 * name, asked of the team server (which alone holds the whole history and runs the rule). The
 * form holds the answer, as saving waits for it; it shows only an answer for `months`, since
 * one for other months no longer says what saving would do. Keyed by months where it is used,
 * so another number also forgets a failed or pending ask.
 */
export function RetentionPreviewButton({ months, preview, onPreview }: { months: number | null; preview: RetentionPreview | null; onPreview: (preview: RetentionPreview) => void }) {
  const db = useDb();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (months === null) return null;

  const ask = async () => {
    setBusy(true);
    setError(null);
    try {
      onPreview(await previewRetention(db, months));
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
      {preview?.months === months && <PreviewResult preview={preview} />}
    </div>
  );
}

function PreviewResult({ preview }: { preview: RetentionPreview }) {
  const { people, months } = preview;
  const [all, setAll] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  // "Show all" goes away with its click: focus moves to the list it opened, not to the page.
  useEffect(() => {
    if (all) list.current?.focus();
  }, [all]);
  if (people.length === 0) {
    return (
      <p role="status" data-testid="retention-preview-count" data-value={0}>
        Nobody now: everyone has had activity in the last {months === 1 ? 'month' : `${months} months`}.
      </p>
    );
  }
  const count = people.length.toLocaleString('en-US');
  const hidden = all ? 0 : Math.max(0, people.length - LISTED);
  return (
    <>
      <p role="status" data-testid="retention-preview-count" data-value={people.length}>
        {people.length === 1 ? '1 person' : `${count} people`} would be erased at the next daily run, with nothing kept but the suppression list:
      </p>
      {/* Scrolls once everyone is listed; focusable then, so the keyboard scrolls it too. */}
      <ul ref={list} className="retention-preview-people" data-all={all} tabIndex={all ? 0 : undefined} aria-label="People retention would erase">
        {people.slice(0, people.length - hidden).map((p) => (
          <li key={p.id}>
            <span dir="auto">{p.name}</span> <span className="muted">(last activity {format(p.lastActivityAt, 'd MMM yyyy')})</span>
          </li>
        ))}
      </ul>
      {hidden > 0 && (
        <p className="muted">
          and {hidden.toLocaleString('en-US')} more.{' '}
          <button
            type="button"
            className="secondary"
            onClick={() => setAll(true)}
          >
            Show all {count}
          </button>
        </p>
      )}
    </>
  );
}
