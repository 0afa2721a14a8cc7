import { useEffect, useRef, useState } from 'react';

interface Props {
  label: string;
  /** Built when clicked, so it reflects the data at that moment. */
  text: () => string;
  testId?: string;
}

/** Puts plain text on the clipboard and says so next to the button ("Copied"), or why not. */
export function CopyButton({ label, text, testId }: Props) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async () => {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(text());
      setState('copied');
    } catch {
      setState('failed');
    }
    timer.current = setTimeout(() => setState('idle'), 4000);
  };

  return (
    <span className="copy-button">
      <button type="button" data-testid={testId} onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className={state === 'failed' ? 'copy-feedback failed' : 'copy-feedback'}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy; select the text instead' : ''}
      </span>
    </span>
  );
}
