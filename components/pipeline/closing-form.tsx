import { useId, useState } from 'react';
import { SubmitOrCancel } from '@/components/ui/submit-or-cancel';
import { TextLimit, isTooLong, limitProps, measureText } from '@/components/ui/text-limit';
import { type OfferDeclineReason, OfferDeclineReason as DeclineReasons, REASON_MAX_BYTES } from '@/lib/model';
import { DECLINE_REASON_LABELS } from './pipeline-words';

export interface ClosingReason {
  reason: string;
  declinedOffer: OfferDeclineReason | null;
}

interface Props {
  status: 'rejected' | 'withdrew';
  /** The stage they are at: a withdrawal at an offer stage starts as a declined offer. */
  stage: string;
  title: string;
  busy: boolean;
  onSubmit: (reason: ClosingReason) => void;
  onCancel: () => void;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Asks why before a process ends: our reason for a rejection; for a withdrawal, whether they
 * declined the offer and why (from the list the dashboard counts, plus their words). Focus
 * starts in it; Esc (handled by the row) or Cancel goes back to the stage.
 */
export function ClosingForm({ status, stage, title, busy, onSubmit, onCancel }: Props) {
  const id = useId();
  const [declined, setDeclined] = useState(status === 'withdrew' && /offer/i.test(stage));
  const [because, setBecause] = useState<OfferDeclineReason>('compensation');
  const [text, setText] = useState('');
  const size = measureText(text, REASON_MAX_BYTES);
  const optional = status === 'withdrew' && declined && because !== 'other';
  const question =
    status === 'rejected' ? 'Why are we rejecting them?' : !declined ? 'Why did they withdraw?' : because === 'other' ? 'What made them decline?' : 'In their words (optional)';

  return (
    <form
      className="pipeline-close"
      aria-label={status === 'rejected' ? `Reject for ${title}` : `Record a withdrawal from ${title}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ reason: text, declinedOffer: status === 'withdrew' && declined ? because : null });
      }}
    >
      {status === 'withdrew' && (
        <div className="field">
          <label htmlFor={`${id}-what`}>What happened?</label>
          <select id={`${id}-what`} autoFocus value={declined ? 'declined' : 'withdrew'} onChange={(e) => setDeclined(e.target.value === 'declined')}>
            <option value="withdrew">They withdrew from the process</option>
            <option value="declined">They declined the offer</option>
          </select>
        </div>
      )}
      {status === 'withdrew' && declined && (
        <div className="field">
          <label htmlFor={`${id}-why`}>Their reason</label>
          <select id={`${id}-why`} value={because} onChange={(e) => setBecause(DeclineReasons.parse(e.target.value))}>
            {DeclineReasons.options.map((r) => (
              <option key={r} value={r}>
                {capitalised(DECLINE_REASON_LABELS[r])}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-text`}>{question}</label>
        <input id={`${id}-text`} autoFocus={status === 'rejected'} dir="auto" value={text} onChange={(e) => setText(e.target.value)} {...limitProps(`${id}-text`, size)} />
        <TextLimit id={`${id}-text`} size={size} />
      </div>
      <SubmitOrCancel disabled={busy || (!optional && text.trim() === '') || isTooLong(size)} onCancel={onCancel}>
        {status === 'rejected' ? 'Mark rejected' : 'Record withdrawal'}
      </SubmitOrCancel>
    </form>
  );
}
