import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, type ReactNode } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { useAction } from '@/components/ui/use-action';
import { mutate } from '@/lib/db/mutate';
import { readMe } from '@/lib/db/local-state';
import { type ProspectIdentity, canLiftSuppression, suppressedSince, suppressionHash, suppressionIdentifiers } from '@/lib/model';
import { suppressionLift } from '@/lib/mutations';
import { suppressionList } from '@/lib/prospects/suppression-check';
import { ProspectHeader } from '@/components/prospect/prospect-header';

const day = (at: number) => new Date(at).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/**
 * The page's person asked the team to forget them: the sidebar says so and shows nothing else
 * (no record, no logging, not even the page's name), until an admin lifts the entry. The list is read once per change of
 * the table; the page's check is a few HMACs and lookups (bench/suppression-check.ts).
 */
export function SuppressionGate({ identity, children }: { identity: ProspectIdentity; children: ReactNode }) {
  const db = useDb();
  const list = useLiveQuery(() => suppressionList(db), [db]);
  const since = useMemo(() => (list ? suppressedSince(identity, list.secret, list.index) : null), [list, identity]);
  // The page's own identity paints first, as always (never stored data): the check takes a moment.
  if (list === undefined) return <ProspectHeader identity={identity} known={undefined} />;
  if (since === null) return children;
  return <SuppressionNotice identity={identity} since={since} secret={list!.secret} />;
}

function SuppressionNotice({ identity, since, secret }: { identity: ProspectIdentity; since: number; secret: string }) {
  const db = useDb();
  const me = useLiveQuery(() => readMe(db), [db]);
  const { run, error, busy } = useAction();
  const lift = () =>
    run(async () => {
      const hashes = new Set(suppressionIdentifiers(identity).map((i) => suppressionHash(secret, i)));
      const entries = await db.suppressions.filter((s) => s.deletedAt === null && s.hashes.some((h) => hashes.has(h))).toArray();
      for (const entry of entries) await mutate(db, suppressionLift, { id: entry.id });
    });
  return (
    <section className="state" data-testid="suppression-notice" role="status">
      <h1>Asked to be forgotten on {day(since)} — do not contact</h1>
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
