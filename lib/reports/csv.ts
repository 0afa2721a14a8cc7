import Papa from 'papaparse';

export type CsvCell = string | number | null;

/**
 * A table as CSV (papaparse: quoting, line breaks and separators inside names and notes). Cells
 * that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`…) are escaped, since names and
 * reasons come from pages and people. Numbers are written unrounded; null is an empty cell.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return Papa.unparse({ fields: [...header], data: rows.map((row) => row.map((cell) => cell ?? '')) }, { escapeFormulae: true, newline: '\r\n' });
}
