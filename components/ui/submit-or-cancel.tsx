import type { ReactNode } from 'react';

/** A small form's two buttons: do it (the submit) or go back. */
export function SubmitOrCancel({ children, disabled, onCancel, testId }: { children: ReactNode; disabled: boolean; onCancel: () => void; testId?: string }) {
  return (
    <div className="row">
      <button type="submit" data-testid={testId} disabled={disabled}>
        {children}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
