import { useState } from 'react';
import type { ProspectView } from '@/components/prospect/use-prospect-view';
import { Parts } from '@/components/ui/user-text';
import { type ProspectIdentity, canMovePipeline } from '@/lib/model';
import { AddToRequisition } from './add-to-requisition';
import { EntryRow } from './entry-row';
import { entryStatusText } from './pipeline-words';

const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title);

/**
 * The person's stage in each requisition that is not closed. Recruiters, sourcers and admins
 * move them and add them to open requisitions; hiring managers read the stages (they decide in
 * reviews).
 */
export function PipelineSection({ identity, view }: { identity: ProspectIdentity; view: ProspectView }) {
  const [justAdded, setJustAdded] = useState<string | null>(null);
  const canMove = !view.me || canMovePipeline(view.me.role);
  const rows = view.pipeline
    .flatMap((entry) => {
      const requisition = view.requisitions.get(entry.requisitionId);
      return entry.deletedAt === null && requisition && requisition.deletedAt === null && requisition.status !== 'closed' ? [{ entry, requisition }] : [];
    })
    .sort((a, b) => byTitle(a.requisition, b.requisition));
  const joinable = canMove ? [...view.requisitions.values()].filter((r) => r.deletedAt === null && r.status === 'open' && !rows.some((x) => x.requisition.id === r.id)).sort(byTitle) : [];
  if (rows.length === 0 && joinable.length === 0) return null;

  return (
    <section aria-labelledby="pipeline-heading" data-testid="pipeline">
      <h2 id="pipeline-heading">Pipeline</h2>
      {rows.length > 0 && (
        <ul className="pipeline">
          {rows.map(({ entry, requisition }) => (
            <li key={entry.id}>
              {canMove ? (
                <EntryRow entry={entry} requisition={requisition} focusOnMount={entry.id === justAdded} />
              ) : (
                <p data-testid="pipeline-stage-text">
                  <span dir="auto" className="who">
                    {requisition.title}
                  </span>
                  : <Parts parts={entryStatusText(entry)} />
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {joinable.length > 0 && <AddToRequisition identity={identity} requisitions={joinable} onAdded={setJustAdded} />}
    </section>
  );
}
