import type { DashboardViewProps } from '../dashboard-view-props';

export function BoardView(_props: DashboardViewProps) {
  return <h2>Pipeline board</h2>;
}
