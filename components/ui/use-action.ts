import { useCallback, useState } from 'react';
import { errorText } from './error-message';

/**
 * How a component runs a write: clears the last error, marks itself busy, and keeps the
 * refusal's reason (or a plain fallback) to show if it fails. `run` resolves to whether it worked.
 */
export function useAction() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (action: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    setBusy(true);
    try {
      await action();
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { run, error, busy, clearError };
}
