import type { DashboardViewProps } from '../dashboard-view-props';

export function CheckInView(_props: DashboardViewProps) {
  return <h2>Weekly check-in</h2>;
}
