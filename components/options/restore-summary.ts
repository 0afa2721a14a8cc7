import { plural } from '@/components/ui/plural';
import type { RestoreOutcome } from '@/lib/backup/restore';
import type { RestorePlan, RestoreTarget, Skipped } from '@/lib/backup/restore-plan';

const records = (n: number) => plural(n, 'record', 'records');
const changes = (n: number) => plural(n, 'change', 'changes');
const reasons = (skipped: Skipped[]) => skipped.map((s) => `${s.count} ${s.reason}`).join('; ');

function whereTo(target: RestoreTarget): string {
  return target.kind === 'team' ? `, and sent to ${target.teamName} as yours` : ' on this device';
}

/** What importing will do, in sentences, before the member agrees to it. */
export function describePlan(plan: RestorePlan): string[] {
  const { target } = plan;
  const lines: string[] = [];
  if (target.kind === 'signed-out') lines.push(`You are signed out${target.teamName ? ` of ${target.teamName}` : ''}: sign in again to import records (nothing is recorded while signed out).`);
  else if (target.kind === 'not-synced') lines.push(`Tandem has not yet fetched ${target.teamName}’s records since you signed in, so it cannot tell what this device lacks: import again once they have arrived.`);
  else {
    lines.push(plan.restore.length ? `${records(plan.restore.length)} this device lacks will be restored${whereTo(target)}.` : 'No record in the file is missing from this device.');
    if (plan.present) lines.push(`${records(plan.present)} this device already has ${plan.present === 1 ? 'is' : 'are'} left as ${plan.present === 1 ? 'it is' : 'they are'}: an import never overwrites a record.`);
    if (plan.skipped.length) lines.push(`Not restored: ${reasons(plan.skipped)}.`);
  }
  if (plan.resend) {
    lines.push(`${changes(plan.resend.changes.length)} you made that had not reached ${plan.resend.teamName || 'the team'} will be sent again, except where the team changed the same record since.`);
  }
  if (plan.unsentLeft.length) lines.push(`Unsent changes in the file that are not sent from here: ${reasons(plan.unsentLeft)}.`);
  return lines;
}

/** Whether importing would change anything (besides the settings, which the member is asked about). */
export function planRestores(plan: RestorePlan): boolean {
  return plan.restore.length > 0 || plan.resend !== null;
}

/** What importing did. */
export function describeOutcome(plan: RestorePlan, outcome: RestoreOutcome): string {
  const parts = [plan.restore.length ? `Restored ${records(outcome.restored)}${whereTo(plan.target)}.` : 'No record was missing.'];
  if (plan.present) parts.push(`${records(plan.present)} already here ${plan.present === 1 ? 'was' : 'were'} left as ${plan.present === 1 ? 'it was' : 'they were'}.`);
  if (outcome.settings) parts.push('This device’s settings were replaced with the file’s.');
  if (outcome.resent) {
    const { sent, skipped } = outcome.resent;
    parts.push(`${changes(sent)} sent again${skipped.length ? `; not sent: ${reasons(skipped)}` : ''}.`);
  }
  return parts.join(' ');
}
