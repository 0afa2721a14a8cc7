import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, invite, redeem } from '@/server/auth/team-admin';
import { openDatabase } from '@/server/db/open';
import { startServer } from '@/server/main';
import { freshDatabase, postgresUrlFor } from './support/databases';

/** Every path under `dir` (itself included) whose mode lets group or others in, with that mode. */
function notPrivate(dir: string): string[] {
  const found: string[] = [];
  const walk = (p: string) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return;
    if ((st.mode & 0o077) !== 0) found.push(`${path.relative(dir, p) || '.'} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(path.join(p, name));
  };
  walk(dir);
  return found;
}

const modeOf = (p: string) => (statSync(p).mode & 0o777).toString(8);

/** Finding 6: PGlite unpacks its cluster 0666 whatever the umask; a private note was readable in the WAL. */
describe('the data folder is private to the server’s user', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'tandem-private-'));
    // What a shell with the usual umask leaves: folders 0755, files 0644.
    chmodSync(root, 0o755);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a new folder: made 0700, every file PGlite writes 0600, including what the server writes later', { timeout: 120_000 }, async () => {
    const dir = path.join(root, 'new', 'data');
    const running = await startServer({ PORT: '0', HOST: '127.0.0.1', TANDEM_DATA_DIR: dir, LOG_LEVEL: 'silent' });
    try {
      expect(modeOf(dir)).toBe('700');
      expect(modeOf(path.join(dir, 'server.json'))).toBe('600');
      expect(modeOf(path.join(dir, 'admin.secret'))).toBe('600');
      // Writes after the start (new WAL and table files) stay private too.
      const team = await createTeam(running.db, 'Private');
      const { code } = await invite(running.db, team.id, 'sam@private.example', 'recruiter');
      await redeem(running.db, code, 'laptop');
      await running.db.exec('CHECKPOINT');
      // Anything else this process writes later (umask 077).
      writeFileSync(path.join(dir, 'later.txt'), 'x');
      expect(notPrivate(dir)).toEqual([]);
    } finally {
      await running.stop({ graceMs: 0 });
    }
    expect(notPrivate(dir)).toEqual([]);
  });

  it('an existing folder others can read: refused with how to fix it, and nothing written into it', async () => {
    const dir = path.join(root, 'shared');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(`the data folder ${dir} can be read by other users (mode 755); make it private with: chmod -R go-rwx ${dir}`);
    await expect(startServer({ PORT: '0', HOST: '127.0.0.1', TANDEM_DATA_DIR: dir, LOG_LEVEL: 'silent' })).rejects.toThrow(/chmod -R go-rwx/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an existing folder made private again opens, and what PGlite had left open is closed up', { timeout: 120_000 }, async () => {
    const dir = path.join(root, 'fixed');
    mkdirSync(dir, { mode: 0o700 });
    chmodSync(dir, 0o700);
    const db = await openDatabase({ dataDir: dir });
    await db.close();
    // An install from before this fix: the folder made private by hand, the files inside not.
    chmodSync(path.join(dir, 'pglite'), 0o777);
    chmodSync(path.join(dir, 'pglite', 'PG_VERSION'), 0o666);
    const again = await openDatabase({ dataDir: dir });
    await again.close();
    expect(notPrivate(dir)).toEqual([]);
  });

  it('on Postgres too: the folder holds the admin secret, so a readable one is refused', async () => {
    const db = await freshDatabase('postgres', { migrated: false });
    const [{ name }] = (await db.query<{ name: string }>('SELECT current_database() AS name')) as [{ name: string }];
    await db.close();
    const dir = path.join(root, 'pg-shared');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const env = { PORT: '0', HOST: '127.0.0.1', TANDEM_DATA_DIR: dir, DATABASE_URL: postgresUrlFor(name), LOG_LEVEL: 'silent' };
    await expect(startServer(env)).rejects.toThrow(/can be read by other users[\s\S]*chmod -R go-rwx/);
    expect(existsSync(path.join(dir, 'admin.secret'))).toBe(false);
  });
});
