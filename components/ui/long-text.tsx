import { useId, useState } from 'react';

/** Past either, a text starts collapsed: a pasted CV must not push the rest of the sidebar away. */
const LONG_CHARS = 600;
const LONG_LINES = 8;

const isLongText = (text: string) => text.length > LONG_CHARS || text.split('\n').length > LONG_LINES;

/**
 * User text as a paragraph, in its own direction (`dir="auto"`: an Arabic or Hebrew note reads
 * right to left), collapsed to a few lines when long, with a button to show it all. The whole
 * text is always in the page (found by search, read by screen readers); only its height is cut.
 */
export function LongText({ text, className }: { text: string; className: string }) {
  const id = useId();
  const long = isLongText(text);
  const [expanded, setExpanded] = useState(false);
  const collapsed = long && !expanded;
  return (
    <>
      <p id={id} className={`${className} long-text`} dir="auto" data-collapsed={long ? String(collapsed) : undefined}>
        {text}
      </p>
      {long && (
        <button type="button" className="link small" aria-expanded={expanded} aria-controls={id} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : 'Show more'}
        </button>
      )}
    </>
  );
}
