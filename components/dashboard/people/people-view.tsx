import type { DashboardViewProps } from '../dashboard-view-props';

export function PeopleView(_props: DashboardViewProps) {
  return <h2>People</h2>;
}
