/**
 * A sentence made of interface words and user or page text (names, reasons, notes, titles):
 * strings are ours, `{ user }` parts are theirs. Pages show each user part in its own direction
 * (components/ui/user-text.tsx), so Arabic or Hebrew reads right to left and our words keep
 * their order; copied text joins them plainly.
 */
export type TextPart = string | { user: string };

export const user = (text: string): TextPart => ({ user: text });

/** "Go, Postgres": each item the user's own text, our separators between. */
export const joined = (items: readonly string[], separator = ', '): TextPart[] => items.flatMap((item, i) => (i === 0 ? [user(item)] : [separator, user(item)]));

/** The parts as plain text (a label, a copied line). */
export const plainText = (parts: readonly TextPart[]) => parts.map((p) => (typeof p === 'string' ? p : p.user)).join('');
