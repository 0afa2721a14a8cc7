import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { useAction } from '@/components/ui/use-action';
import type { ProspectIdentity } from '@/lib/model';
import { activityLog } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
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
  const { run, error, busy } = useAction();

  const log = (entry: LoggableActivity) =>
    run(async () => mutate(db, activityLog, { prospectId: await ensureProspect(db, identity), ...entry }));

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
