// The app's side of the sidebar's boot: the classic boot script (entrypoints/sidebar-boot.ts)
// has painted the person; the React app, Dexie and zod load once that is on screen.
import { takeOver } from '@/components/sidebar/boot-handoff';

async function start() {
  const boot = takeOver(window);
  const tabId = await boot.painted;
  const { mountSidebar } = await import('./app');
  mountSidebar(document.getElementById('root')!, tabId, boot.removeFirstPaint);
}

void start();
