import { useEffect, useState } from 'react';

/**
 * Where a form's error is, brought to the member: scrolled to the middle of the view (a long
 * form's Save button is often the last thing on screen, its message below the fold) and focused,
 * so the keyboard is where the fix is and a screen reader reads the field with its message.
 */
export function reveal(element: HTMLElement | null): void {
  if (!element) return;
  element.scrollIntoView({ block: 'center' });
  element.focus({ preventScroll: true });
}

/**
 * `reveal`, after the render that shows the error: the message or the field's `aria-invalid`
 * may not be in the page when the submit handler runs. Each call reveals again (a second
 * failed save brings the member back even if they scrolled away).
 */
export function useRevealAfterRender(): (element: () => HTMLElement | null) => void {
  const [target, setTarget] = useState<{ element: () => HTMLElement | null } | null>(null);
  useEffect(() => {
    if (target) reveal(target.element());
  }, [target]);
  return (element) => setTarget({ element });
}
