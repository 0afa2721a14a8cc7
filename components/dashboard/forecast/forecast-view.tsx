import type { DashboardViewProps } from '../dashboard-view-props';

export function ForecastView(_props: DashboardViewProps) {
  return <h2>Forecast</h2>;
}
