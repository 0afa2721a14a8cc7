import type { DashboardViewProps } from '../dashboard-view-props';

export function NumbersView(_props: DashboardViewProps) {
  return <h2>Numbers</h2>;
}
