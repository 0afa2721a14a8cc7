import { useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { useUndo } from '@/components/ui/undo-store';
import { useAction } from '@/components/ui/use-action';
import type { LoggableActivity, Prospect, ProspectIdentity } from '@/lib/model';
import { activityLog, activityUndo } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { ensureProspect } from '@/lib/prospects/record-visit';

interface LogAction {
  label: string;
  entry: LoggableActivity;
  /** What the confirmation before outreach to a do-not-contact person calls it. */
  noun?: string;
}

const ACTIONS: LogAction[] = [
  { label: 'InMail sent', entry: { kind: 'outreach', data: { channel: 'inmail' } }, noun: 'InMail' },
  { label: 'Email sent', entry: { kind: 'outreach', data: { channel: 'email' } }, noun: 'email' },
  { label: 'Call', entry: { kind: 'outreach', data: { channel: 'call' } }, noun: 'call' },
  { label: 'Replied', entry: { kind: 'reply', data: { interest: 'replied' } } },
  { label: 'Not interested', entry: { kind: 'reply', data: { interest: 'not_interested' } } },
];

/**
 * One click records outreach or a reply, so the next recruiter knows; a mis-click is taken back
 * with the undo it offers. Outreach to a do-not-contact person is asked about first.
 */
export function QuickLog({ identity, prospect }: { identity: ProspectIdentity; prospect: Prospect | null }) {
  const db = useDb();
  const showUndo = useUndo((s) => s.show);
  const { run, error, busy } = useAction();
  const [asking, setAsking] = useState<LogAction | null>(null);

  const log = async (action: LogAction) => {
    setAsking(null);
    let id: string | undefined;
    const done = await run(async () => {
      ({ result: id } = await mutate(db, activityLog, { prospectId: await ensureProspect(db, identity), ...action.entry }));
    });
    if (!done || !id) return;
    const logged = id;
    showUndo({ id: `log-${logged}`, message: `Logged “${action.label}”.`, undo: async () => void (await mutate(db, activityUndo, { id: logged })) });
  };

  const choose = (action: LogAction) => {
    if (action.entry.kind === 'outreach' && prospect?.doNotContact) setAsking(action);
    else void log(action);
  };

  return (
    <section aria-labelledby="log-heading">
      <h2 id="log-heading">Log</h2>
      <div className="button-row" role="group" aria-labelledby="log-heading">
        {ACTIONS.map((action) => (
          <button key={action.label} type="button" disabled={busy} onClick={() => choose(action)}>
            {action.label}
          </button>
        ))}
      </div>
      {asking && prospect?.doNotContact && (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby="log-dnc-title"
          aria-describedby="log-dnc-reason"
          onKeyDown={(e) => e.key === 'Escape' && setAsking(null)}
        >
          <p id="log-dnc-title">
            <strong>Log outreach to a do-not-contact person?</strong>
          </p>
          <p id="log-dnc-reason">
            <span dir="auto">{identity.name}</span> is marked do-not-contact: <span dir="auto">{prospect.doNotContact.reason}</span>
          </p>
          <div className="row">
            <button type="button" className="danger" onClick={() => void log(asking)}>
              Log the {asking.noun} anyway
            </button>
            <button type="button" autoFocus onClick={() => setAsking(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
