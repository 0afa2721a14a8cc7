import { liveQuery } from 'dexie';
import type { TandemDB } from '@/lib/db/database';
import { pokeConnection } from '@/lib/storage-items';
import { PokeClient, type PokeClientDeps } from './poke-client';
import type { SyncScheduler } from './scheduler';
import { readSession } from './session';

/**
 * The worker's live updates: a poke connection for whoever is signed in, made again at each
 * sign-in (a new client id) and dropped at sign-out, whichever page did it. A poke asks the
 * scheduler for a sync at once; a refused token asks too, so the status says "Signed out".
 * The connection's state goes to storage for the status line. Returns the unsubscribe.
 */
export function startLiveUpdates(db: TandemDB, scheduler: Pick<SyncScheduler, 'poked' | 'request'>, deps: Partial<PokeClientDeps> = {}): { client: PokeClient; stop: () => void } {
  const client = new PokeClient({
    session: () => readSession(db),
    onPoke: (version) => void scheduler.poked(version),
    onState: (state) => void pokeConnection.setValue(state),
    onRefused: () => void scheduler.request('poke'),
    ...deps,
  });
  let signedInAs: string | null | undefined;
  const subscription = liveQuery(async () => (await readSession(db))?.clientId ?? null).subscribe({
    next: (clientId) => {
      if (clientId === signedInAs) return;
      signedInAs = clientId;
      void client.restart();
    },
    error: (e: unknown) => console.warn('Tandem live updates:', e),
  });
  return { client, stop: () => subscription.unsubscribe() };
}
