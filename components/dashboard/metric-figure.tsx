import type { ReactNode } from 'react';

/**
 * A figure with its testing hook (a public contract, README "Testing hooks"): `data-metric`
 * names it, `data-value` holds the unrounded number (empty when there is none), the text is
 * what a person reads.
 */
export function MetricFigure({ metric, value, children }: { metric: string; value: number | null; children?: ReactNode }) {
  return (
    <span data-metric={metric} data-value={value ?? ''}>
      {children ?? value}
    </span>
  );
}
