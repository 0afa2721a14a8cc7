import { format } from 'date-fns';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { useAction } from '@/components/ui/use-action';
import { chosenTimeZone } from '@/lib/db/my-time-zone';
import { teamPrivacyChoices } from '@/lib/db/privacy-queries';
import { mutate } from '@/lib/db/mutate';
import { type Activity, NoticeChannel, type Prospect } from '@/lib/model';
import { activityLog } from '@/lib/mutations';
import { noticeDueText, noticeState } from '@/lib/privacy/notice-clock';
import { DAY_MS } from '@/lib/time-units';

export const CHANNEL_LABELS: Record<NoticeChannel, string> = { email: 'Email', inmail: 'InMail', letter: 'Letter', other: 'Other' };

/** A `<input type="date">` value as noon of that day, local time: the day the member means, whatever the zone's offset. */
export function dayFromInput(value: string): number | null {
  const [y, m, d] = value.split('-').map(Number);
  if (!y || !m || !d) return null;
  return new Date(y, m - 1, d, 12).getTime();
}

/**
 * The Article 14 clock on the person: "Privacy notice due in N days" until someone logs it sent
 * (with the channel and the day), then nothing here: the feed shows it.
 */
export function PrivacyNotice({ prospect, activities, now }: { prospect: Prospect; activities: readonly Activity[]; now: number }) {
  const db = useDb();
  const context = useLiveQuery(async () => ({ choices: await teamPrivacyChoices(db), timeZone: (await chosenTimeZone(db)) ?? Intl.DateTimeFormat().resolvedOptions().timeZone }), [db]);
  const [channel, setChannel] = useState<NoticeChannel>('email');
  const [day, setDay] = useState(() => format(now, 'yyyy-MM-dd'));
  const { run, error, busy } = useAction();
  if (!context) return null;
  const state = noticeState(prospect, activities, context.choices, now, context.timeZone);
  if (state.state === 'sent') return null;

  const log = () =>
    run(async () => {
      const sentAt = dayFromInput(day);
      if (sentAt === null) throw new Error('choose the day the notice was sent');
      if (sentAt > now + DAY_MS) throw new Error('the notice cannot have been sent in the future');
      await mutate(db, activityLog, { prospectId: prospect.id, kind: 'privacy_notice_sent', data: { channel, sentAt } });
    });

  return (
    <section aria-labelledby="privacy-notice-heading" className="privacy-notice">
      <h2 id="privacy-notice-heading">Privacy notice</h2>
      <p data-testid="privacy-notice-due" className={state.daysLeft < 0 ? 'overdue' : undefined}>
        {noticeDueText(state.daysLeft)}
      </p>
      <form
        aria-label="Log privacy notice sent"
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void log();
        }}
      >
        <label className="inline" htmlFor="notice-channel">
          Sent by
        </label>
        <select id="notice-channel" value={channel} onChange={(e) => setChannel(NoticeChannel.parse(e.target.value))}>
          {NoticeChannel.options.map((c) => (
            <option key={c} value={c}>
              {CHANNEL_LABELS[c]}
            </option>
          ))}
        </select>
        <label className="inline" htmlFor="notice-day">
          on
        </label>
        <input id="notice-day" type="date" required value={day} max={format(now, 'yyyy-MM-dd')} onChange={(e) => setDay(e.target.value)} />
        <button type="submit" disabled={busy} data-testid="privacy-notice-log">
          Log privacy notice sent
        </button>
      </form>
      <ErrorMessage error={error} />
    </section>
  );
}
