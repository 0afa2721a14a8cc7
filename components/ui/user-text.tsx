import { Fragment } from 'react';
import type { TextPart } from '@/lib/text-parts';

/** Renders parts, each user part in a `dir="auto"` span: Arabic or Hebrew reads right to left, our words keep their order. */
export function Parts({ parts }: { parts: readonly TextPart[] }) {
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>{typeof p === 'string' ? p : <span dir="auto">{p.user}</span>}</Fragment>
      ))}
    </>
  );
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/**
 * For places that hold plain text only (an `<option>`, a tooltip, the window title): user text
 * with right-to-left letters between a first-strong isolate and its pop, the plain-text form of
 * `dir="auto"`.
 */
export const isolate = (text: string) => (RTL.test(text) ? `\u2068${text}\u2069` : text);
