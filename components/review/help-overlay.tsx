import { Fragment, useEffect, useRef } from 'react';
import { REVIEW_SHORTCUTS, type ReviewAction, keyLabels } from './shortcuts';

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
          {REVIEW_SHORTCUTS.map((s) => (
            <div key={s.action} className="shortcut">
              <dt>
                <Keys labels={keyLabels(s)} />
              </dt>
              <dd>{s.description}</dd>
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

function Keys({ labels }: { labels: string[] }) {
  return labels.map((k) => (k === '…' ? <span key={k}> … </span> : <kbd key={k}>{k}</kbd>));
}

/** A line of shortcut hints from the same table as the help: those with a hint, or the ones `only` names. */
export function ShortcutHint({ only, className = 'review-hint' }: { only?: readonly ReviewAction[]; className?: string }) {
  const shown = REVIEW_SHORTCUTS.filter((s) => s.hint && (!only || only.includes(s.action)));
  return (
    <p className={`muted small ${className}`} data-testid="review-hint">
      {shown.map((s, i) => (
        <Fragment key={s.action}>
          {i > 0 && ' · '}
          <Keys labels={keyLabels(s)} /> {s.hint}
        </Fragment>
      ))}
    </p>
  );
}
