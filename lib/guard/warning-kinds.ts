import type { GuardWarning } from './outreach-guard';

export type WarningKind = GuardWarning['kind'];

/** Each warning in two or three words: the collapsed sidebar's tab and the toolbar's tooltip. */
export const WARNING_LABELS: Record<WarningKind, string> = {
  do_not_contact: 'Do not contact',
  hired: 'Hired',
  rejected: 'Rejected',
  rejected_by_us: 'Rejected by us',
  not_interested: 'Not interested',
  withdrew: 'Withdrew',
  in_process: 'In process',
  open_review: 'In review',
  recent_outreach: 'Already contacted',
};

export const WARNING_KINDS = Object.keys(WARNING_LABELS) as [WarningKind, ...WarningKind[]];

/**
 * Warnings nobody may miss: they open a collapsed sidebar and turn the badge red. A person
 * erased on request belongs here too, once the guard knows that kind.
 */
export function isSevere(kind: WarningKind): boolean {
  return kind === 'do_not_contact';
}

/** The kinds of a list of warnings, each once, in the guard's order (most serious first). */
export function kindsOf(warnings: readonly GuardWarning[]): WarningKind[] {
  return [...new Set(warnings.map((w) => w.kind))];
}
