import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { deviceTimeZone } from '@/components/options/time-zone-select';
import { CopyButton } from '@/components/requisitions/copy-button';
import { downloadFile } from '@/components/ui/download-file';
import { useDb } from '@/components/ui/db-context';
import { checkInData } from '@/lib/db/checkin-queries';
import { chosenTimeZone } from '@/lib/db/my-time-zone';
import { buildCheckIn, type CheckIn } from '@/lib/reports/check-in';
import { checkInCsv } from '@/lib/reports/check-in-csv';
import { checkInMarkdown } from '@/lib/reports/check-in-markdown';
import type { DashboardViewProps } from '../dashboard-view-props';
import { CheckInReport } from './checkin-report';

/**
 * The weekly check-in of one requisition (issue 10, point 5): built once (lib/reports/check-in.ts)
 * and shown, copied as Markdown, downloaded as CSV and printed from that one structure, so every
 * form says the same figures. Weeks are ISO weeks in the member's time zone.
 */
export function CheckInView({ requisition, members, now }: DashboardViewProps) {
  const db = useDb();
  const timeZone = useLiveQuery(async () => (await chosenTimeZone(db)) ?? deviceTimeZone(), [db]);
  const data = useLiveQuery(async () => (requisition && timeZone ? checkInData(db, requisition, now, timeZone) : undefined), [db, requisition, now, timeZone]);
  const checkIn = useMemo(() => (requisition && timeZone && data ? buildCheckIn({ ...data, requisition, members, now, timeZone }) : undefined), [data, requisition, members, now, timeZone]);

  if (!checkIn) {
    return (
      <p className="muted" role="status">
        Loading the check-in…
      </p>
    );
  }
  return (
    <section className="checkin-view" aria-labelledby="checkin-title">
      <div className="checkin-toolbar" role="group" aria-label="Share the check-in">
        <CopyButton label="Copy as Markdown" testId="checkin-copy-markdown" text={() => checkInMarkdown(checkIn)} />
        <button type="button" data-testid="checkin-download-csv" onClick={() => downloadFile(csvName(checkIn), checkInCsv(checkIn), 'text/csv;charset=utf-8')}>
          Download CSV
        </button>
        <button type="button" data-testid="checkin-print" onClick={() => window.print()}>
          Print / Save as PDF
        </button>
      </div>
      <CheckInReport checkIn={checkIn} />
    </section>
  );
}

const csvName = (checkIn: CheckIn) => `check-in ${checkIn.title.replace(/[\\/:*?"<>|]+/g, ' ').trim()} ${checkIn.thisWeek}.csv`;
