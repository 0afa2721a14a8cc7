import { useEffect, useRef } from 'react';

export const SHORTCUTS: [keys: string[], what: string][] = [
  [['J'], 'Next person'],
  [['K'], 'Previous person'],
  [['A'], 'Approve'],
  [['R'], 'Reject'],
  [['1', '…', '9'], 'Tick a scorecard item: met, missing, unset'],
  [['N'], 'Write a note'],
  [['Esc'], 'Leave the note (or close this help)'],
  [['U'], 'Undo your last decision'],
  [['?'], 'Show or hide these shortcuts'],
];

/** The shortcut list, shown over the page with ?; Escape or ? closes it. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    dialog.current?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    <div className="review-help-backdrop" onClick={onClose}>
      <div
        ref={dialog}
        className="review-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="review-help-heading"
        data-testid="review-help"
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          // Keep focus in the dialog: its only control is Close.
          if (e.key === 'Tab') {
            e.preventDefault();
            close.current?.focus();
          }
        }}
      >
        <h2 id="review-help-heading">Keyboard shortcuts</h2>
        <dl>
          {SHORTCUTS.map(([keys, what]) => (
            <div key={what} className="shortcut">
              <dt>
                {keys.map((k) => (k === '…' ? <span key={k}> … </span> : <kbd key={k}>{k}</kbd>))}
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <p className="muted small">Shortcuts pause while you type a note.</p>
        <button ref={close} type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
