import { z } from 'zod';
import { utf8Length } from './utf8';

export { truncateUtf8, utf8Length } from './utf8';

/** ULIDs are made on the client, so anything can be created offline. */
export const Id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');
export type Id = z.infer<typeof Id>;

/** Milliseconds since the epoch, UTC. */
export const Timestamp = z.number().int().nonnegative();
export type Timestamp = z.infer<typeof Timestamp>;

/** Before a device signs in to a team server, its rows belong to this local team. */
export const LOCAL_TEAM_ID = 'local';
export const TeamId = z.string().min(1).max(64);

/** Control characters (Unicode Cc: NUL, escape, backspace, C1…) other than tab and line feed. */
const FORBIDDEN_CONTROL = /(?![\t\n])\p{Cc}/u;

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Text typed by people, the same check on the device and on the server: line breaks as `\n`
 * (a pasted CRLF or lone CR becomes LF: textareas already give LF, and one convention keeps
 * sizes and comparisons stable), trimmed, valid Unicode, no control characters but tab and line
 * feed (invisible, and JSON escapes each into six bytes), and at most `maxBytes` of UTF-8, so
 * one row's size is bounded whatever the script.
 */
export const shortText = (maxBytes: number) =>
  z
    .string()
    .overwrite((s) => s.replace(/\r\n?/g, '\n'))
    .trim()
    // Postgres cannot store lone surrogates; refuse them on the device, not only at the server.
    .refine((s) => s.isWellFormed(), 'must be valid Unicode text')
    .refine((s) => !FORBIDDEN_CONTROL.test(s), {
      error: (issue) => {
        const code = FORBIDDEN_CONTROL.exec(String(issue.input))?.[0].codePointAt(0) ?? 0;
        return `contains an invisible control character (U+${code.toString(16).toUpperCase().padStart(4, '0')}); only tabs and line breaks are allowed`;
      },
    })
    .refine((s) => utf8Length(s) <= maxBytes, {
      error: (issue) =>
        `is too long: ${count(utf8Length(String(issue.input)))} bytes, at most ${count(maxBytes)} ` +
        `(about ${count(maxBytes)} letters of English, or ${count(Math.floor(maxBytes / 3))} Chinese, Japanese or Korean characters)`,
    });

/** Review messages and decision notes, in UTF-8 bytes. */
export const MESSAGE_MAX_BYTES = 5_000;
/** Do-not-contact reasons and follow-up notes, in UTF-8 bytes. */
export const REASON_MAX_BYTES = 500;

/** Fields every synced row carries. `version` is the server's; 0 until acknowledged. */
export const SyncedFields = {
  id: Id,
  teamId: TeamId,
  version: z.number().int().nonnegative(),
  deletedAt: Timestamp.nullable(),
};

/** Each option of a discriminated union with `fields` added, as `z.object(fields).extend(option.shape)` types it. */
type WithFields<F extends z.ZodRawShape, O extends readonly z.ZodObject[]> = { -readonly [K in keyof O]: O[K] extends z.ZodObject<infer S> ? z.ZodObject<z.core.util.Extend<F, S>> : never };

/**
 * `fields` and one of `options`, as one discriminated union of whole objects. An intersection of
 * the two means the same, but zod parses both sides and merges their results, about ten times
 * slower, and every pulled and pushed activity is parsed.
 */
export function withEachOption<F extends z.ZodRawShape, const O extends readonly [z.ZodObject, ...z.ZodObject[]]>(discriminator: string, fields: F, options: O) {
  const base = z.object(fields);
  return z.discriminatedUnion(discriminator, options.map((o) => base.extend(o.shape)) as unknown as WithFields<F, O>);
}
