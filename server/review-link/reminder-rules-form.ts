import { html } from 'hono/html';
import { z } from 'zod';
import { DEFAULT_REMINDER_SETTINGS, QuietHours, WorkingDays } from '@/lib/model';
import type { MemberRuleColumns } from '@/server/mail/reminder-queue';

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The form as posted: `day` once per ticked box (none: an empty list), the two times as typed. */
const RulesForm = z.object({
  day: z.union([z.string(), z.array(z.string())]).optional(),
  quiet_start: z.string().default(''),
  quiet_end: z.string().default(''),
});

/**
 * The working days and quiet hours a reviewer posted from the link's mail settings page, checked
 * with the same pieces as the extension's own settings, or the sentence saying what to fix.
 */
export function parseRulesForm(form: Record<string, unknown>): { ok: true; workingDays: number[]; quietHours: QuietHours } | { ok: false; error: string } {
  const raw = RulesForm.safeParse(form);
  if (!raw.success) return { ok: false, error: 'send the working days and quiet hours from the mail settings form' };
  const days = [raw.data.day ?? []].flat().map(Number);
  const workingDays = WorkingDays.safeParse(days);
  if (!workingDays.success) return { ok: false, error: `Working days: ${workingDays.error.issues[0]?.message ?? 'choose days from Monday to Sunday'}` };
  const quietHours = QuietHours.safeParse({ start: raw.data.quiet_start, end: raw.data.quiet_end });
  if (!quietHours.success) return { ok: false, error: `Quiet hours: each ${quietHours.error.issues[0]?.message ?? 'must be a time such as 08:00'}` };
  return { ok: true, workingDays: workingDays.data, quietHours: quietHours.data };
}

/** The form on the link's mail settings page, showing the reviewer's rules (the defaults when they set none). */
export function rulesForm(row: Pick<MemberRuleColumns, 'working_days' | 'quiet_start' | 'quiet_end'> | undefined, timeZone: string | null) {
  const days = row?.working_days?.map(Number) ?? DEFAULT_REMINDER_SETTINGS.workingDays;
  const start = row?.quiet_start ?? DEFAULT_REMINDER_SETTINGS.quietHours.start;
  const end = row?.quiet_end ?? DEFAULT_REMINDER_SETTINGS.quietHours.end;
  return html`<form method="post" data-testid="reminder-rules-form">
<input type="hidden" name="rules" value="1">
<fieldset><legend>Reminders come on these working days</legend>
${WEEKDAY_NAMES.map((name, i) => html`<label><input type="checkbox" name="day" value="${i + 1}"${days.includes(i + 1) ? html` checked` : ''}> ${name}</label> `)}
</fieldset>
<p><label for="quiet-start">Quiet hours from</label> <input id="quiet-start" name="quiet_start" type="time" required value="${start}">
<label for="quiet-end">until</label> <input id="quiet-end" name="quiet_end" type="time" required value="${end}"></p>
<p>In ${timeZone ?? 'UTC'}${timeZone ? '' : ' (you set no time zone of your own)'}; quiet hours may run past midnight. The same start and end mean no quiet hours.</p>
<button type="submit">Save reminder times</button>
</form>`;
}
