import { type ReactNode, useId, useState } from 'react';
import { downloadFile } from '@/components/ui/download-file';
import { type FigureTable, tableCsv } from './figure-table';

/** A table of figures: every number an element with `data-metric` and its unrounded `data-value`. */
export function FigureTableView({ table, hidden = false }: { table: FigureTable; hidden?: boolean }) {
  return (
    <table className="numbers-table" hidden={hidden}>
      <caption>{table.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{table.rowHeader}</th>
          {table.columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr key={row.key} data-bottleneck={row.bottleneck ? 'true' : undefined}>
            <th scope="row">
              {row.header}
              {row.bottleneck && <span className="numbers-bottleneck"> (bottleneck)</span>}
            </th>
            {row.cells.map((cell, k) => (
              <td key={k}>{cell.metric === undefined ? cell.text : <Figure name={cell.metric} value={cell.value ?? null} text={cell.text} />}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One figure: the words a person reads, the unrounded number for tests and tools (empty when there is none). */
export function Figure({ name, value, text }: { name: string; value: number | null; text: string }) {
  return (
    <span data-metric={name} data-value={value === null ? '' : String(value)}>
      {text}
    </span>
  );
}

/**
 * A chart with its table (the accessible alternative: a real table with a caption and headers)
 * and the table's CSV. `chart` is drawn only while shown.
 */
export function FigurePanel({ table, fileName, chart, empty }: { table: FigureTable; fileName: string; chart: ReactNode; empty: string }) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const id = useId();
  if (table.rows.length === 0) return <p className="muted">{empty}</p>;
  const of = <span className="visually-hidden"> of {table.caption.charAt(0).toLowerCase() + table.caption.slice(1)}</span>;
  return (
    <div className="numbers-panel">
      <div className="numbers-panel-tools">
        <button type="button" aria-pressed={view === 'chart'} aria-controls={id} onClick={() => setView('chart')}>
          Chart{of}
        </button>
        <button type="button" aria-pressed={view === 'table'} aria-controls={id} onClick={() => setView('table')}>
          Table{of}
        </button>
        <button type="button" onClick={() => downloadFile(fileName, tableCsv(table), 'text/csv')}>
          Download CSV{of}
        </button>
      </div>
      <div id={id}>
        {view === 'chart' && <div className="numbers-chart">{chart}</div>}
        <FigureTableView table={table} hidden={view !== 'table'} />
      </div>
    </div>
  );
}
