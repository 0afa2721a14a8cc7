/** A value COPY's text format can carry: text, a number, a boolean, or NULL. */
export type CopyValue = string | number | boolean | null;

/** What COPY's text format reads as a backslash sequence (its delimiter is a tab, its rows end in newlines). */
const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function field(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return value.replace(SPECIAL, (c) => ESCAPES[c]!);
}

/** Rows as the input of `COPY … FROM` in its text format: a line per row, tab-separated values. */
export function copyText(rows: readonly (readonly CopyValue[])[]): string {
  let text = '';
  for (const row of rows) text += `${row.map(field).join('\t')}\n`;
  return text;
}
