/**
 * Issue 11: erasure reaches every device. Three devices of one team on the real server app (in
 * process) with the device's sync engine on fake-indexeddb: A erases a person; B, online, deletes
 * everything about them on its next pull; C, offline meanwhile with changes about them queued,
 * deletes them on its next sync, its changes are refused ("that person was erased") and never
 * come back. Backups taken afterwards hold nothing of them.
 */
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { exportBackup } from '@/lib/backup/backup';
import { dismissSuggestion } from '@/lib/prospects/page-match';
import { addToTray } from '@/lib/review/batch-tray';
import { TandemDB } from '@/lib/db/database';
import { mutate } from '@/lib/db/mutate';
import { readSuppressionSecret } from '@/lib/db/local-state';
import type { NotificationSpec } from '@/lib/reminders/memory';
import { type ReminderPorts, ReminderRunner } from '@/lib/reminders/runner';
import { type ProspectIdentity, suppressionHash } from '@/lib/model';
import { activityLog, followUpSet, noteAdd, prospectErase, prospectUpsert } from '@/lib/mutations';
import { signIn } from '@/lib/sync/account';
import { syncOnce } from '@/lib/sync/engine';
import { readSession } from '@/lib/sync/session';
import { httpTransport } from '@/lib/sync/transport';
import { invite } from '@/server/auth/team-admin';
import type { Database } from '@/server/db/database';
import { ERASED_REASON } from '@/server/sync/forgotten';
import { type App, teamWith } from './support/server';
import { serverFor } from './support/suite';

const SERVER = 'http://localhost:8787';

async function device(app: App, db: Database, teamId: string, role: 'recruiter' | 'sourcer') {
  const local = new TandemDB(`device-${ulid()}`);
  const { code } = await invite(db, teamId, `${role}.${ulid().toLowerCase()}@acme.example`, role);
  await signIn(local, { serverUrl: SERVER, code, deviceName: 'test', fetch: async (url, init) => app.request(url, init) });
  return local;
}

async function sync(local: TandemDB, app: App) {
  const session = (await readSession(local))!;
  await syncOnce(local, httpTransport({ serverUrl: session.serverUrl, token: session.token, fetch: async (url, init) => app.request(url, init) }));
}

/** Every table of a device (synced, outbox, shadows, local values, refusals, derived), as text: where anything of the person would show. */
async function everything(local: TandemDB): Promise<string> {
  const parts: unknown[] = [];
  for (const table of local.tables) parts.push(table.name, await table.toArray());
  return JSON.stringify(parts);
}

/** The browser's notification tray, as the reminder runner's ports see it. */
function tray() {
  const shown = new Map<string, NotificationSpec>();
  const ports: ReminderPorts = {
    show: (n) => (shown.set(n.id, n), Promise.resolve()),
    setBadge: () => Promise.resolve(),
    clearStale: (isStale) => {
      for (const id of shown.keys()) if (isStale(id)) shown.delete(id);
      return Promise.resolve();
    },
  };
  return { shown, ports };
}

/** A Wednesday at noon UTC (a working hour) at least `days` from now. */
function workingNoonIn(days: number): number {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(12, 0, 0, 0);
  while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
  return d.getTime();
}

async function remind(local: TandemDB, ports: ReminderPorts, at: number) {
  const runner = new ReminderRunner({ db: local, ports, now: () => at, deviceTimeZone: () => 'UTC', onError: (e) => { throw e; } });
  await runner.run();
}

const ada: ProspectIdentity = {
  site: 'linkedin',
  key: 'linkedin:ada-erasure',
  url: 'https://www.linkedin.com/in/ada-erasure/',
  name: 'Ada Erasure',
  headline: 'Analytical Engines',
  company: 'Babbage & Co',
  location: 'London',
  emails: ['ada@erasure.example'],
};

describe('an erasure reaches every device within one sync', () => {
  const server = serverFor('pglite');

  it('A erases; B deletes on its next pull; C, offline meanwhile, deletes and its queued changes are refused and never come back', async () => {
    const { team } = await teamWith(server.db, []);
    const [a, b, c] = [await device(server.app, server.db, team.id, 'recruiter'), await device(server.app, server.db, team.id, 'recruiter'), await device(server.app, server.db, team.id, 'sourcer')];
    const { result: prospectId } = await mutate(a, prospectUpsert, { identity: ada });
    const grace = await mutate(a, prospectUpsert, { identity: { ...ada, key: 'linkedin:grace-kept', url: 'https://www.linkedin.com/in/grace-kept/', name: 'Grace Kept', emails: [] } });
    await mutate(a, noteAdd, { prospectId: prospectId!, body: 'Ada team note' });
    await mutate(a, noteAdd, { prospectId: grace.result!, body: 'Grace stays' });
    await sync(a, server.app);
    for (const d of [b, c]) await sync(d, server.app);
    const { result: bNote } = await mutate(b, noteAdd, { prospectId: prospectId!, body: 'Ada private from B', visibility: 'private' });
    await mutate(b, followUpSet, { prospectId: prospectId!, dueAt: Date.now() + 86_400_000, note: 'Ask Ada' });
    // Device-local memory about her on B: the batch for review, a "not the same person" answer.
    await addToTray(b, ulid(), prospectId!);
    await dismissSuggestion(b, ada.key, grace.result!);
    await sync(b, server.app);
    await sync(c, server.app);
    expect(await c.notes.where('[prospectId+createdAt]').between([prospectId, 0], [prospectId, Infinity]).count()).toBe(1);

    // A added her (and Grace) and no notice is logged: the worker reminds A, in the tray and in its memory.
    const aTray = tray();
    const titles = () => [...aTray.shown.values()].map((n) => n.title).sort();
    const later = workingNoonIn(31);
    await remind(a, aTray.ports, later);
    expect(titles()).toEqual(['Privacy notice for Ada Erasure', 'Privacy notice for Grace Kept']);

    // C goes offline and keeps working on her.
    await mutate(c, noteAdd, { prospectId: prospectId!, body: 'Ada offline note from C' });
    await mutate(c, activityLog, { prospectId: prospectId!, kind: 'outreach', data: { channel: 'inmail' } });

    // A erases her, choosing her name.
    await mutate(a, prospectErase, { prospectId: prospectId!, confirmName: 'Ada Erasure' });
    expect(await a.prospects.get(prospectId!)).toBeUndefined();
    await sync(a, server.app);

    // The worker's next run takes A's reminder about her out of the tray: its text is her name.
    await remind(a, aTray.ports, later + 60_000);
    expect(titles()).toEqual(['Privacy notice for Grace Kept']);

    // B, online: one sync and nothing of her is left, her private note and follow-up included.
    await sync(b, server.app);
    for (const d of [a, b]) {
      const stored = await everything(d);
      for (const trace of [prospectId!, 'Ada', 'ada-erasure', 'ada@erasure.example', bNote ?? 'none']) expect(stored, `${trace} on a device`).not.toContain(trace);
      expect(await d.prospects.get(grace.result!)).toBeDefined();
    }

    // C comes back: its queued changes are refused, everything of her goes, and stays gone.
    await sync(c, server.app);
    const rejections = await c.rejections.toArray();
    expect(rejections.map((r) => r.reason)).toEqual([ERASED_REASON, ERASED_REASON]);
    expect(await c.outbox.count()).toBe(0);
    await sync(c, server.app);
    const stored = await everything(c);
    for (const trace of [prospectId!, 'Ada', 'ada-erasure', 'ada@erasure.example']) expect(stored, `${trace} on C`).not.toContain(trace);
    expect(await c.notes.count()).toBe(1);

    // Backups taken now hold nothing of her.
    for (const d of [a, b, c]) {
      const file = JSON.stringify(await exportBackup(d));
      for (const trace of [prospectId!, 'Ada', 'ada-erasure', 'ada@erasure.example']) expect(file).not.toContain(trace);
      expect(file).toContain('Grace stays');
    }

    // What stays is the suppression entry, which every device can check a page against.
    for (const d of [a, b, c]) {
      const secret = (await readSuppressionSecret(d, team.id))!;
      const [entry] = await d.suppressions.toArray();
      expect(entry?.hashes).toContain(suppressionHash(secret, 'key:linkedin:ada-erasure'));
      expect(entry?.hashes).toContain(suppressionHash(secret, 'email:ada@erasure.example'));
    }
  });
});
