import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DashboardApp } from '@/components/dashboard/dashboard-app';
import { DbProvider } from '@/components/ui/db-context';
import type { TandemDB } from '@/lib/db/database';

/** The dashboard page on `db`, opened at a URL fragment (`#board/<id>`); a user to drive it. */
export function renderDashboard(db: TandemDB, hash = '') {
  window.history.replaceState(null, '', `/dashboard.html${hash}`);
  const user = userEvent.setup();
  render(
    <DbProvider db={db}>
      <DashboardApp />
    </DbProvider>,
  );
  return user;
}
