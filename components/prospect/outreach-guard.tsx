import type { ComponentProps } from 'react';
import { dueText } from '@/lib/deadlines';
import { type GuardWarning, outreachWarnings } from '@/lib/guard/outreach-guard';
import { memberName, memberObjectName } from '@/components/ui/member-name';
import { RelativeTime } from '@/components/ui/relative-time';
import { DECLINE_REASON_LABELS } from '@/components/pipeline/pipeline-words';
import { Parts } from '@/components/ui/user-text';
import { joined } from '@/lib/text-parts';
import type { ProspectView } from './use-prospect-view';

const CHANNEL_VERB = { inmail: 'sent an InMail', email: 'sent an email', call: 'called' } as const;

/** The guard's warnings for what the team knows, with this device's window setting. */
export function warningsFor(view: ProspectView, now: number): GuardWarning[] {
  return outreachWarnings({
    prospect: view.prospect,
    activities: view.guardActivities,
    outreachCount: view.outreachCount,
    openReviews: view.openReviews,
    pipeline: view.pipeline,
    requisitions: view.requisitions,
    now,
    windowDays: view.settings.guardWindowDays,
    viewerId: view.me?.memberId,
  });
}

/**
 * Stops a recruiter before a second, unwanted or forbidden message. A named region, not an
 * alert: a screen reader would otherwise shout it on every profile; the keyboard lands on it
 * first when it enters the sidebar (components/sidebar/sidebar-focus.ts).
 */
export function OutreachGuard({ view, now }: { view: ProspectView; now: number }) {
  const warnings = warningsFor(view, now);
  if (warnings.length === 0) return null;
  return (
    <section data-testid="outreach-warning" className="guard" aria-label="Before you reach out">
      <h2>Before you reach out</h2>
      <WarningList warnings={warnings} view={view} now={now} />
    </section>
  );
}

/** Each warning as a sentence, most serious first (the sidebar's guard, the popup). */
export function WarningList({ warnings, view, now, ...rest }: { warnings: GuardWarning[]; view: ProspectView; now: number } & ComponentProps<'ul'>) {
  const name = (id: string) => memberName(id, view.members, view.me?.memberId);
  const objectName = (id: string) => memberObjectName(id, view.members, view.me?.memberId);
  return (
    <ul {...rest}>
      {warnings.map((w, i) => (
        <li key={i} data-warning={w.kind} className={w.kind === 'do_not_contact' ? 'severe' : undefined}>
          <WarningText warning={w} name={name} objectName={objectName} now={now} windowDays={view.settings.guardWindowDays} />
        </li>
      ))}
    </ul>
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
          <strong>Do not contact.</strong> <span dir="auto">{w.reason}</span> — marked by <span dir="auto">{objectName(w.by)}</span> <RelativeTime at={w.at} now={now} />.
        </>
      );
    case 'rejected':
      return (
        <>
          <strong>Rejected</strong> by <span dir="auto">{objectName(w.by)}</span> <RelativeTime at={w.at} now={now} />
          {w.missing.length > 0 && <Parts parts={[' — missing: ', ...joined(w.missing)]} />}
          {w.note && (
            <>
              {' — “'}
              <span dir="auto">{w.note}</span>”
            </>
          )}
          {/* A quoted note that ends its own sentence ends this one too: no full stop after “… junior.” */}
          {!/[.!?…]$/.test(w.note) && '.'}
        </>
      );
    case 'not_interested':
      return (
        <>
          <strong>Not interested</strong> — logged by <span dir="auto">{objectName(w.by)}</span> <RelativeTime at={w.at} now={now} />.
        </>
      );
    case 'hired':
      return (
        <>
          <strong>Hired</strong>
          <ForRole title={w.requisitionTitle} word="for" /> <RelativeTime at={w.at} now={now} />.
        </>
      );
    case 'rejected_by_us':
      return (
        <>
          <strong>Rejected by us</strong>
          <ForRole title={w.requisitionTitle} word="for" /> <RelativeTime at={w.at} now={now} />
          <Reason text={w.reason} />
        </>
      );
    case 'withdrew':
      return (
        <>
          <strong>Withdrew</strong>
          <ForRole title={w.requisitionTitle} word="from" /> <RelativeTime at={w.at} now={now} />
          {w.declinedOffer ? (
            <>
              : declined the offer ({DECLINE_REASON_LABELS[w.declinedOffer]})
              {w.reason ? (
                <>
                  {' — “'}
                  <span dir="auto">{w.reason}</span>”.
                </>
              ) : (
                '.'
              )}
            </>
          ) : (
            <Reason text={w.reason} />
          )}
        </>
      );
    case 'in_process':
      return (
        <>
          <strong>In process</strong>
          <ForRole title={w.requisitionTitle} word="for" /> at <span dir="auto">{w.stage}</span>.
        </>
      );
    case 'open_review':
      return (
        <>
          <strong>In review</strong> with <span dir="auto">{objectName(w.reviewerId)}</span>, feedback {dueText(w.dueAt, now)}.
        </>
      );
    case 'recent_outreach':
      return (
        <>
          <strong>Already contacted:</strong> <span dir="auto">{name(w.by)}</span> {CHANNEL_VERB[w.channel]} <RelativeTime at={w.at} now={now} />
          {w.count > 1 && ` (${w.count} times in the last ${windowDays} days)`}.
        </>
      );
  }
}

/** " for Staff Platform Engineer", or nothing while the requisition has not synced. */
function ForRole({ title, word }: { title: string | null; word: string }) {
  return title === null ? null : (
    <>
      {` ${word} `}
      <span dir="auto">{title}</span>
    </>
  );
}

/** ": not enough Go." after a closed process, or the sentence's end when no reason was given. */
function Reason({ text }: { text: string | null }) {
  return text ? (
    <>
      : <span dir="auto">{text}</span>
      {!/[.!?…]$/.test(text) && '.'}
    </>
  ) : (
    <>.</>
  );
}
