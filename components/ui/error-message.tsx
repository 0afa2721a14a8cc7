import { useEffect, useRef } from 'react';
import { MutationRefused } from '@/lib/mutations';

/** What to tell the user when a write fails: the refusal's own reason, or a plain fallback. */
export function errorText(error: unknown): string {
  if (error instanceof MutationRefused) return error.reason;
  if (error instanceof Error) return `Could not save: ${error.message}`;
  return 'Could not save.';
}

/**
 * A failure, announced (role="alert") and scrolled into view when it appears: it is often
 * rendered under a long form or list, below what the member is looking at. Focus stays where
 * the member is working; forms that know which field is wrong move focus there themselves.
 */
export function ErrorMessage({ error, id }: { error: string | null; id?: string }) {
  const line = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (error) line.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);
  if (!error) return null;
  return (
    <p className="error" role="alert" ref={line} id={id}>
      {error}
    </p>
  );
}
