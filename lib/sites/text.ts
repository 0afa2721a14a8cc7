/** Pure helpers that turn page content into the plain, bounded text a `ProspectIdentity` holds. */
import { truncateUtf8 } from '@/lib/model/utf8';

/** The schema's maxima in UTF-8 bytes (lib/model/identity.ts), so a capped field always validates. */
export const FIELD_MAX = { name: 200, headline: 500, company: 200, location: 200 } as const;

/**
 * How much raw text is read from one element. Real fields are a few hundred characters; the
 * bound keeps a hostile element holding megabytes of text from costing more than a glance.
 */
const RAW_TEXT_LIMIT = 20_000;

/** Their text is code or inert markup, not something the reader sees. */
const NON_TEXT_ELEMENTS = new Set(['script', 'style', 'template', 'noscript']);

// Numeric node types: the CLI runs where no global `Node` exists.
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * The text a reader sees in `root`: like `textContent`, but without the source of scripts and
 * styles, and with `<br>` as a space. Never parses or returns markup.
 */
export function elementText(root: Element): string {
  const parts: string[] = [];
  let length = 0;
  // An explicit stack, not recursion: a hostile page may nest elements thousands deep.
  const stack: Node[] = [root];
  while (length < RAW_TEXT_LIMIT) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node.nodeType === TEXT_NODE) {
      const text = node.nodeValue ?? '';
      parts.push(text);
      length += text.length;
    } else if (node.nodeType === ELEMENT_NODE) {
      const name = (node as Element).localName.toLowerCase();
      if (NON_TEXT_ELEMENTS.has(name)) continue;
      if (name === 'br') parts.push(' ');
      const children = node.childNodes;
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child !== undefined) stack.push(child);
      }
    }
  }
  return parts.join('').slice(0, RAW_TEXT_LIMIT);
}

/** Invisible characters that only hide or reorder text: zero-width space, word joiner, BOM, soft hyphen, bidi controls. */
const INVISIBLE = /[\u00AD\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** Zero-width (non-)joiners are kept between visible characters (emoji sequences, Persian, Indic) and dropped elsewhere. */
const STRAY_JOINER = /(?<!\S)[\u200C\u200D]|[\u200C\u200D](?!\S)/g;
/**
 * Half of a surrogate pair without its other half: not a character at all. A page's script can
 * put one into the DOM's text; the schema refuses text holding one, so it is dropped here.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** C0 and C1 control characters (newlines, tabs, NUL…: Unicode category Cc) separate words at most. */
const CONTROL = /\p{Cc}/gu;

/**
 * Plain text fit for the schema: lone surrogates, invisible and control characters removed,
 * whitespace collapsed, trimmed, NFC-normalised and cut to `max` bytes of UTF-8 (what the schema
 * counts) without splitting a character. Empty results are null.
 */
export function cleanText(raw: string | null | undefined, max: number): string | null {
  if (raw === null || raw === undefined) return null;
  const text = raw
    .slice(0, RAW_TEXT_LIMIT)
    .replace(LONE_SURROGATE, '')
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .replace(STRAY_JOINER, '')
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
  const capped = truncateUtf8(text, max).trim();
  return capped === '' ? null : capped;
}

/** `elementText` then `cleanText`; null when there is no element. */
export function fieldText(el: Element | null, max: number): string | null {
  return el === null ? null : cleanText(elementText(el), max);
}
