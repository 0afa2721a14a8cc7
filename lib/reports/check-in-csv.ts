import { type CheckIn, SOURCING_FIGURES, sourcingFigure } from './check-in';
import { actionText, actionWho, declineReason } from './check-in-words';
import { type CsvCell, toCsv } from './csv';

export const CHECK_IN_CSV_HEADER = ['section', 'subject', 'figure', 'value'] as const;

/**
 * The check-in as one long table (section, subject, figure, value), unrounded, so a spreadsheet
 * can pivot it whatever the stages and members are.
 */
export function checkInCsv(checkIn: CheckIn): string {
  const rows: CsvCell[][] = [
    ['requisition', checkIn.title, 'week', checkIn.thisWeek],
    ['requisition', checkIn.title, 'hires', checkIn.hires],
    ['requisition', checkIn.title, 'target hires', checkIn.targetHires],
  ];
  for (const s of checkIn.stages) {
    rows.push(['pipeline', s.stage, 'in stage', s.inStage]);
    if (s.passed !== null) rows.push(['pipeline', s.stage, 'pass-through', s.passThrough], ['pipeline', s.stage, 'passed', s.passed], ['pipeline', s.stage, 'decided', s.decided]);
    rows.push(['pipeline', s.stage, 'median days in stage', s.medianDays]);
    for (const c of s.top) rows.push(['top candidate', s.stage, c.name, c.daysInStage]);
  }
  for (const action of checkIn.actions) for (const item of action.items) rows.push(['needs action', actionWho(action), actionText(item, checkIn.generatedAt), null]);
  for (const s of checkIn.sourcing) {
    for (const f of SOURCING_FIGURES) {
      rows.push(['sourcing', s.name, `${f.label} ${checkIn.thisWeek}`, sourcingFigure(s.thisWeek, f)], ['sourcing', s.name, `${f.label} ${checkIn.lastWeek}`, sourcingFigure(s.lastWeek, f)]);
    }
  }
  for (const f of checkIn.feedback) {
    rows.push(
      ['feedback', f.name, 'decided', f.decided],
      ['feedback', f.name, 'median hours', f.medianHours],
      ['feedback', f.name, 'p90 hours', f.p90Hours],
      ['feedback', f.name, 'within deadline', f.withinDeadline],
      ['feedback', f.name, 'open', f.open],
      ['feedback', f.name, 'overdue', f.overdue],
    );
  }
  for (const d of checkIn.offerDeclines) rows.push(['offer declines', declineReason(d.reason), 'count', d.count]);
  return toCsv(CHECK_IN_CSV_HEADER, rows);
}
