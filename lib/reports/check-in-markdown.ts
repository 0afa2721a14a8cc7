import { type CheckIn, SOURCING_FIGURES, sourcingFigure } from './check-in';
import { actionText, actionWho, declineReason } from './check-in-words';
import { formatAmount, formatShare } from './figures';

/**
 * Names, stages and reasons come from pages and people: the characters that make emphasis, code,
 * links, HTML or a table cell in them are escaped, and line breaks folded, so a name cannot turn
 * into a link or a heading or break the table. Every such text sits after our own text on its
 * line, so what only means something at the start of a line (#, -, 1.) needs nothing.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`).replace(/\s*[\r\n]+\s*/g, ' ');
}

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const table = (header: string[], rows: string[][]) => [row(header), row(header.map(() => '---')), ...rows.map(row)];

/** The check-in as Markdown, to paste into a chat or an e-mail to the hiring manager. */
export function checkInMarkdown(checkIn: CheckIn): string {
  const md = escapeMarkdown;
  const lines: string[] = [`# Weekly check-in: ${md(checkIn.title)}`, '', `Week ${checkIn.thisWeek} (against ${checkIn.lastWeek}) · hires ${checkIn.hires} of ${checkIn.targetHires}`, ''];

  lines.push('## Pipeline', '');
  lines.push(
    ...table(
      ['Stage', 'In stage', 'Pass-through', 'Median days in stage', 'Top candidates'],
      checkIn.stages.map((s) => [
        md(s.stage) + (s.bottleneck ? ' (bottleneck)' : ''),
        String(s.inStage),
        s.passed === null ? '' : `${formatShare(s.passThrough)} (${s.passed} of ${s.decided})`,
        formatAmount(s.medianDays),
        [...s.top.map((c) => `${md(c.name)}${c.approved ? ' (approved)' : ''}, ${formatAmount(c.daysInStage)} days`), ...(s.more > 0 ? [`and ${s.more} more`] : [])].join('; '),
      ]),
    ),
    '',
  );

  lines.push('## Needs action', '');
  if (checkIn.actions.length === 0) lines.push('Nothing is overdue or waiting longer than usual.');
  for (const action of checkIn.actions) {
    lines.push(`**${md(actionWho(action))}**`, '', ...action.items.map((item) => `- ${md(actionText(item, checkIn.generatedAt))}`), '');
  }
  if (checkIn.actions.length === 0) lines.push('');

  lines.push(`## Sourcing activity: ${checkIn.thisWeek} (${checkIn.lastWeek})`, '');
  if (checkIn.sourcing.length === 0) lines.push('No sourcing activity logged in either week.');
  else {
    lines.push(
      ...table(
        ['Member', ...SOURCING_FIGURES.map((f) => f.label)],
        checkIn.sourcing.map((s) => [
          md(s.name),
          ...SOURCING_FIGURES.map((f) => {
            const write = f.share ? formatShare : formatAmount;
            return `${write(sourcingFigure(s.thisWeek, f))} (${write(sourcingFigure(s.lastWeek, f))})`;
          }),
        ]),
      ),
    );
  }
  lines.push('');

  lines.push('## Feedback times', '');
  if (checkIn.feedback.length === 0) lines.push('No reviews requested for this requisition yet.');
  else {
    lines.push(
      ...table(
        ['Reviewer', 'Decided', 'Median hours', 'p90 hours', 'Within deadline', 'Open', 'Overdue'],
        checkIn.feedback.map((f) => [
          md(f.name) + (f.isHiringManager ? ' (hiring manager)' : ''),
          String(f.decided),
          formatAmount(f.medianHours),
          formatAmount(f.p90Hours),
          formatShare(f.withinDeadline),
          String(f.open),
          String(f.overdue),
        ]),
      ),
    );
  }
  lines.push('');

  lines.push('## Offer declines', '');
  if (checkIn.offerDeclines.length === 0) lines.push('No offer declined.');
  else lines.push(...checkIn.offerDeclines.map((d) => `- ${declineReason(d.reason)}: ${d.count}`));
  return `${lines.join('\n')}\n`;
}
