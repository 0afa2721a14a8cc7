import { format } from 'date-fns';
import { type GuardWarning, outreachWarnings } from '@/lib/guard/outreach-guard';
import { memberName, memberObjectName } from '@/components/ui/member-name';
import { RelativeTime } from '@/components/ui/relative-time';
import type { ProspectView } from './use-prospect-view';

const CHANNEL_VERB = { inmail: 'sent an InMail', email: 'sent an email', call: 'called' } as const;

/** The guard's warnings for what the team knows, with this device's window setting. */
export function warningsFor(view: ProspectView, now: number): GuardWarning[] {
  return outreachWarnings({
    prospect: view.prospect,
    activities: view.activities,
    openReviews: view.openReviews,
    pipeline: view.pipeline,
    now,
    windowDays: view.settings.guardWindowDays,
    viewerId: view.me?.memberId,
  });
}

/** Stops a recruiter before a second, unwanted or forbidden message. */
export function OutreachGuard({ view, now }: { view: ProspectView; now: number }) {
  const warnings = warningsFor(view, now);
  if (warnings.length === 0) return null;
  const name = (id: string) => memberName(id, view.members, view.me?.memberId);
  const objectName = (id: string) => memberObjectName(id, view.members, view.me?.memberId);
  return (
    <section data-testid="outreach-warning" className="guard" role="alert" aria-label="Before you reach out">
      <h2>Before you reach out</h2>
      <ul>
        {warnings.map((w, i) => (
          <li key={i} data-warning={w.kind} className={w.kind === 'do_not_contact' ? 'severe' : undefined}>
            <WarningText warning={w} name={name} objectName={objectName} now={now} windowDays={view.settings.guardWindowDays} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function WarningText({
  warning: w,
  name,
  objectName,
  now,
  windowDays,
}: {
  warning: GuardWarning;
  /** As the subject ("Riley sent…"), and after "by"/"with" ("marked by you"). */
  name: (id: string) => string;
  objectName: (id: string) => string;
  now: number;
  windowDays: number;
}) {
  switch (w.kind) {
    case 'do_not_contact':
      return (
        <>
          <strong>Do not contact.</strong> {w.reason} — marked by {objectName(w.by)} <RelativeTime at={w.at} now={now} />.
        </>
      );
    case 'rejected':
      return (
        <>
          <strong>Rejected</strong> by {objectName(w.by)} <RelativeTime at={w.at} now={now} />
          {w.missing.length > 0 && ` — missing: ${w.missing.join(', ')}`}
          {w.note && ` — “${w.note}”`}.
        </>
      );
    case 'not_interested':
      return (
        <>
          <strong>Not interested</strong> — logged by {objectName(w.by)} <RelativeTime at={w.at} now={now} />.
        </>
      );
    case 'in_process':
      return (
        <>
          <strong>In process</strong> at stage “{w.stage}”.
        </>
      );
    case 'open_review':
      return (
        <>
          <strong>In review</strong> with {objectName(w.reviewerId)}, feedback due {format(w.dueAt, 'PP')}.
        </>
      );
    case 'recent_outreach':
      return (
        <>
          <strong>Already contacted:</strong> {name(w.by)} {CHANNEL_VERB[w.channel]} <RelativeTime at={w.at} now={now} />
          {w.count > 1 && ` (${w.count} times in the last ${windowDays} days)`}.
        </>
      );
  }
}
