import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FigureTable } from './figure-table';

export interface ChartSeries {
  /** The table column the bars show. */
  column: string;
  color: string;
}

const HIGHLIGHT = 'var(--danger, #b42318)';

/**
 * Bars drawn from a figure table's columns, so a chart never shows a number its table does not
 * (the table is its accessible alternative). Ratios are drawn as percentages. The bottleneck's
 * bar is in the warning colour.
 */
export function FigureChart({ table, series, percent = false, unit = '' }: { table: FigureTable; series: ChartSeries[]; percent?: boolean; unit?: string }) {
  const columns = series.map((s) => table.columns.indexOf(s.column));
  const data = table.rows.map((row) => ({
    label: row.header,
    bottleneck: row.bottleneck === true,
    ...Object.fromEntries(series.map((s, i) => [s.column, toShown(row.cells[columns[i]!]?.value ?? null, percent)])),
  }));
  // Long stage names side by side overlap: slant them when they would not fit under their bar.
  const slanted = data.length * Math.max(...data.map((d) => d.label.length), 0) > 90;
  const shown = (value: unknown) => (typeof value === 'number' ? `${Math.round(value * 10) / 10}${percent ? '%' : unit}` : 'none');
  return (
    <ResponsiveContainer width="100%" height={slanted ? 310 : 260} initialDimension={{ width: 640, height: slanted ? 310 : 260 }}>
      <BarChart data={data} title={table.caption} aria-label={table.caption} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" interval={0} tick={{ fontSize: 12 }} {...(slanted ? { angle: -25, textAnchor: 'end', height: 70 } : {})} />
        <YAxis domain={percent ? [0, 100] : [0, 'auto']} tickFormatter={(v: number) => `${v}${percent ? '%' : unit}`} width={48} />
        <Tooltip formatter={shown} />
        {series.length > 1 && <Legend />}
        {series.map((s) => (
          <Bar key={s.column} dataKey={s.column} name={s.column} fill={s.color} isAnimationActive={false}>
            {series.length === 1 && data.map((d) => <Cell key={d.label} fill={d.bottleneck ? HIGHLIGHT : s.color} />)}
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

const toShown = (value: number | null, percent: boolean) => (value === null ? null : percent ? value * 100 : value);
