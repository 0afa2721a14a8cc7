import { MutationRefused } from '@/lib/mutations';

/** What to tell the user when a write fails: the refusal's own reason, or a plain fallback. */
export function errorText(error: unknown): string {
  if (error instanceof MutationRefused) return error.reason;
  if (error instanceof Error) return `Could not save: ${error.message}`;
  return 'Could not save.';
}

export function ErrorMessage({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {error}
    </p>
  );
}
