import { useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage, errorText } from '@/components/ui/error-message';
import type { ProspectIdentity } from '@/lib/model';
import { activityLog, mutate } from '@/lib/mutations';
import type { LoggableActivity } from '@/lib/model';
import { ensureProspect } from '@/lib/prospects/record-visit';

const ACTIONS: { label: string; entry: LoggableActivity }[] = [
  { label: 'InMail sent', entry: { kind: 'outreach', data: { channel: 'inmail' } } },
  { label: 'Email sent', entry: { kind: 'outreach', data: { channel: 'email' } } },
  { label: 'Call', entry: { kind: 'outreach', data: { channel: 'call' } } },
  { label: 'Replied', entry: { kind: 'reply', data: { interest: 'replied' } } },
  { label: 'Not interested', entry: { kind: 'reply', data: { interest: 'not_interested' } } },
];

/** One click records outreach or a reply, so the next recruiter knows. */
export function QuickLog({ identity }: { identity: ProspectIdentity }) {
  const db = useDb();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const log = async (entry: LoggableActivity) => {
    setBusy(true);
    setError(null);
    try {
      const prospectId = await ensureProspect(db, identity);
      await mutate(db, activityLog, { prospectId, ...entry });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="log-heading">
      <h2 id="log-heading">Log</h2>
      <div className="button-row" role="group" aria-labelledby="log-heading">
        {ACTIONS.map(({ label, entry }) => (
          <button key={label} type="button" disabled={busy} onClick={() => void log(entry)}>
            {label}
          </button>
        ))}
      </div>
      <ErrorMessage error={error} />
    </section>
  );
}
