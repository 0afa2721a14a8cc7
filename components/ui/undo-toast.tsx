import { useEffect, useState } from 'react';
import { errorText } from '@/components/ui/error-message';
import { type UndoOffer, useUndo } from './undo-store';

const VISIBLE_MS = 10_000;

export function UndoToast() {
  const { offer, dismiss } = useUndo();
  // Keyed by the offer, so a new offer starts with no error and a fresh timer.
  return offer ? <Toast key={offer.id} offer={offer} dismiss={dismiss} /> : null;
}

function Toast({ offer, dismiss }: { offer: UndoOffer; dismiss: () => void }) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const id = setTimeout(dismiss, VISIBLE_MS);
    return () => clearTimeout(id);
  }, [dismiss]);
  const undo = async () => {
    try {
      await offer.undo();
      dismiss();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="toast" role="status">
      <span>{error ?? offer.message}</span>
      <button type="button" onClick={() => void undo()}>
        Undo
      </button>
      <button type="button" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
