import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { useAction } from '@/components/ui/use-action';
import { mutate } from '@/lib/db/mutate';
import { readMe } from '@/lib/db/local-state';
import { type ProspectIdentity, canLiftSuppression } from '@/lib/model';
import { suppressionLift } from '@/lib/mutations';
import { type PageSuppression, suppressedPage } from '@/lib/prospects/suppression-check';
import { ProspectHeader } from '@/components/prospect/prospect-header';

const day = (at: number) => new Date(at).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/**
 * The page's person asked the team to forget them: the sidebar says so and shows nothing else
 * (no record, no logging, not even the page's name), until an admin lifts the entry. The check
 * is a few HMACs and an index lookup (bench/suppression-check.ts).
 */
export function SuppressionGate({ identity, children }: { identity: ProspectIdentity; children: ReactNode }) {
  const db = useDb();
  // null once checked and not suppressed; undefined while checking.
  const found = useLiveQuery(() => suppressedPage(db, identity), [db, identity]);
  if (found) return <SuppressionNotice found={found} />;
  // The page's own identity paints first, as always (never stored data), while the check takes a
  // moment; it stays the same element once the check clears, so the keyboard's focus on it stays.
  return (
    <>
      <ProspectHeader identity={identity} />
      {found === null && children}
    </>
  );
}

function SuppressionNotice({ found }: { found: PageSuppression }) {
  const db = useDb();
  const me = useLiveQuery(() => readMe(db), [db]);
  const { run, error, busy } = useAction();
  const lift = () =>
    run(async () => {
      for (const id of found.entryIds) await mutate(db, suppressionLift, { id });
    });
  return (
    <section className="state" data-testid="suppression-notice" role="status">
      <h1>Asked to be forgotten on {day(found.since)} — do not contact</h1>
      <p className="muted">Tandem records nothing about this person and offers no logging.</p>
      {me && canLiftSuppression(me.role) && (
        <>
          <button type="button" disabled={busy} onClick={() => void lift()}>
            Lift the do-not-contact entry (admins)
          </button>
          <ErrorMessage error={error} />
        </>
      )}
    </section>
  );
}
