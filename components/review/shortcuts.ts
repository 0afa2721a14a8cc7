/** What a review shortcut does; each screen that takes review keys maps these to its own handlers. */
export type ReviewAction = 'next' | 'previous' | 'approve' | 'reject' | 'tick' | 'note' | 'leave' | 'undo' | 'help';

export interface ReviewShortcut {
  /** `KeyboardEvent.key` values, letters in lower case. */
  keys: readonly string[];
  action: ReviewAction;
  /** For the help overlay. */
  description: string;
  /** For the hint line under the page; shortcuts without one are only in the help. */
  hint?: string;
  /** Whether holding the key repeats it: moving through people may, deciding never does. */
  repeats?: boolean;
}

/** Number keys tick the first nine scorecard items. */
export const SHORTCUT_ITEMS = 9;

/**
 * The review shortcuts, in the order the help lists them: the one table behind the review
 * page's key handler, its help overlay and hint line, and the sidebar's review controls.
 */
export const REVIEW_SHORTCUTS: readonly ReviewShortcut[] = [
  { keys: ['j'], action: 'next', description: 'Next person', hint: 'next', repeats: true },
  { keys: ['k'], action: 'previous', description: 'Previous person', hint: 'previous', repeats: true },
  { keys: ['a'], action: 'approve', description: 'Approve', hint: 'approve' },
  { keys: ['r'], action: 'reject', description: 'Reject', hint: 'reject' },
  { keys: Array.from({ length: SHORTCUT_ITEMS }, (_, i) => String(i + 1)), action: 'tick', description: 'Tick a scorecard item: met, missing, unset' },
  { keys: ['n'], action: 'note', description: 'Write a note', hint: 'note' },
  { keys: ['Escape'], action: 'leave', description: 'Leave the note (or close this help)' },
  { keys: ['u'], action: 'undo', description: 'Undo your last decision', hint: 'undo' },
  { keys: ['?'], action: 'help', description: 'Show or hide these shortcuts', hint: 'all shortcuts' },
];

/** The shortcut a key press means, if any (letters in either case). */
export function shortcutFor(key: string): ReviewShortcut | undefined {
  const k = key.length === 1 ? key.toLowerCase() : key;
  return REVIEW_SHORTCUTS.find((s) => s.keys.includes(k));
}

/** How a key is printed: `J`, `Esc`, and a run of number keys as `1 … 9`. */
export function keyLabels(shortcut: ReviewShortcut): string[] {
  const names = shortcut.keys.map((k) => (k === 'Escape' ? 'Esc' : k.toUpperCase()));
  return names.length > 2 ? [names[0]!, '…', names.at(-1)!] : names;
}

const shortcutOf = (action: ReviewAction) => REVIEW_SHORTCUTS.find((s) => s.action === action)!;

/** The key printed on the control that does `action`. */
export function keyLabel(action: ReviewAction): string {
  return keyLabels(shortcutOf(action)).join(' ');
}

/** The `aria-keyshortcuts` value of the control that does `action`. */
export function ariaKeys(action: ReviewAction): string {
  return shortcutOf(action).keys.map((k) => (k.length === 1 ? k.toUpperCase() : k)).join(' ');
}

/** A key press that is not for shortcuts: with a modifier, while composing text, or already handled. */
export function isPlainKey(e: KeyboardEvent): boolean {
  return !(e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing);
}

/** Whether the key press lands in a field the member is typing in. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;
}
