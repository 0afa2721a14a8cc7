import { truncateUtf8, utf8Length } from '@/lib/model';

const count = (n: number) => n.toLocaleString('en-US');
/** Past this share of the limit the count shows, so the limit is no surprise. */
const SHOW_FROM = 0.8;
const PREVIEW_CHARS = 40;

export interface TextSize {
  bytes: number;
  maxBytes: number;
  /** Characters (code points) past the limit, and how that part starts. */
  cutChars: number;
  cutStart: string;
}

/**
 * Measures text as the schema does (`shortText`: line breaks as LF, trimmed, UTF-8 bytes), so
 * what this says fits is what saves, in any script.
 */
export function measureText(text: string, maxBytes: number): TextSize {
  const normalised = text.replace(/\r\n?/g, '\n').trim();
  const bytes = utf8Length(normalised);
  if (bytes <= maxBytes) return { bytes, maxBytes, cutChars: 0, cutStart: '' };
  const cut = [...normalised.slice(truncateUtf8(normalised, maxBytes).length)];
  return { bytes, maxBytes, cutChars: cut.length, cutStart: cut.slice(0, PREVIEW_CHARS).join('') };
}

export const isTooLong = (size: TextSize) => size.bytes > size.maxBytes;

/** The props that tie a field to its TextLimit: described by it, and invalid while too long. */
export function limitProps(id: string, size: TextSize) {
  return { 'aria-describedby': `${id}-limit`, 'aria-invalid': isTooLong(size) || undefined };
}

/**
 * Nothing is cut without a word: a field holds whatever is typed or pasted, and this says how
 * near the limit it is or, past it, by how much and where the part that does not fit begins.
 * Saving waits until it fits (the caller disables it with `isTooLong`).
 */
export function TextLimit({ id, size }: { id: string; size: TextSize }) {
  const over = isTooLong(size);
  const shown = over || size.bytes >= size.maxBytes * SHOW_FROM;
  return (
    <p id={`${id}-limit`} data-testid={`${id}-limit`} className={over ? 'error small' : 'muted small'} aria-live="polite">
      {over ? (
        <>
          Too long to save: {count(size.bytes)} bytes, at most {count(size.maxBytes)} ({count(size.bytes - size.maxBytes)} over). The last{' '}
          {count(size.cutChars)} {size.cutChars === 1 ? 'character does' : 'characters do'} not fit, from “<span dir="auto">{size.cutStart}</span>
          {size.cutChars > PREVIEW_CHARS ? '…' : ''}”. Shorten it to save.
        </>
      ) : (
        shown && `${count(size.bytes)} of ${count(size.maxBytes)} bytes (a letter of English is one, most other scripts two or three).`
      )}
    </p>
  );
}
