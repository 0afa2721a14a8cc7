import { toCsv } from '@/lib/reports/csv';

/**
 * One figure: the `data-metric` name, the unrounded number (null: no figure, and `text` says
 * why) and how it reads. Cells without a metric are words (a name, a week).
 */
export interface FigureCell {
  text: string;
  metric?: string;
  value?: number | null;
}

export interface FigureRow {
  key: string;
  /** The row's header cell: a stage, a reviewer, a week. */
  header: string;
  cells: FigureCell[];
  bottleneck?: boolean;
}

/** What a chart shows, as the table that is its accessible alternative and its CSV. */
export interface FigureTable {
  caption: string;
  rowHeader: string;
  columns: string[];
  rows: FigureRow[];
}

/** The table as CSV: numbers unrounded, a missing figure an empty cell. */
export function tableCsv(table: FigureTable): string {
  return toCsv(
    [table.rowHeader, ...table.columns],
    table.rows.map((row) => [row.header, ...row.cells.map((cell) => (cell.metric === undefined ? cell.text : (cell.value ?? null)))]),
  );
}

export const count = (metric: string, n: number): FigureCell => ({ metric, value: n, text: String(n) });

export const share = (metric: string, ratio: number | null, whyNone: string): FigureCell => ({ metric, value: ratio, text: ratio === null ? whyNone : `${Math.round(ratio * 100)}%` });

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toLocaleString('en-US');

export const days = (metric: string, value: number | null, whyNone: string): FigureCell => ({ metric, value, text: value === null ? whyNone : `${oneDecimal(value)} d` });

export const hours = (metric: string, value: number | null, whyNone: string): FigureCell => ({ metric, value, text: value === null ? whyNone : `${oneDecimal(value)} h` });
