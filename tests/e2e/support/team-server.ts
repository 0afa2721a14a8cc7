import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { createTeam, invite, listMembers, redeem, setRole } from '@/server/auth/team-admin';
import { openDatabase } from '@/server/db/open';
import { startServer } from '@/server/main';
import type { Role } from '@/lib/model';
import { startServerOnCopy } from '../../support/real-server';

/** A real Tandem server on PGlite in a temp folder, which can be stopped and started again on the same port. */
export async function startTeamServer({ teamName = 'E2E team', settings = {} }: { teamName?: string; settings?: Record<string, string> } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-server-'));
  const env = (port: number) => ({ ...process.env, PORT: String(port), HOST: '127.0.0.1', TANDEM_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', ...settings });
  // On a copy of the run's migrated database (global-setup.ts): a new one costs ~10 s of initdb.
  let running = await startServerOnCopy(env(0), { folder: inject('pgliteTemplate') });
  let stopped = false;
  const port = running.port;
  const team = await createTeam(running.db, teamName);
  return {
    url: `http://127.0.0.1:${port}`,
    async invite(email: string, role: Role) {
      return (await invite(running.db, team.id, email, role)).code;
    },
    /** The team's members and whether they have signed in (`status`), as the admin CLI lists them. */
    async members() {
      return (await listMembers(running.db, team.id)).members;
    },
    /** A device of the member with this email (joining them to the team): its token, to write as them over HTTP. */
    async join(email: string, role: Role) {
      return redeem(running.db, (await invite(running.db, team.id, email, role)).code, 'e2e writer');
    },
    /** Changes a member's role; while the server is stopped, in its data folder directly (as the admin CLI does). */
    async setRole(email: string, role: Role) {
      if (!stopped) return setRole(running.db, team.id, email, role);
      const db = await openDatabase({ dataDir });
      try {
        return await setRole(db, team.id, email, role);
      } finally {
        await db.close();
      }
    },
    /** What the server stores for its team, by kind, for checking what arrived. */
    async stored(kind: string): Promise<unknown[]> {
      return (await running.db.query<{ doc: unknown }>('SELECT doc FROM entities WHERE team_id = $1 AND kind = $2 ORDER BY version', [team.id, kind])).map((r) => r.doc);
    },
    async stop() {
      await running.stop();
      stopped = true;
    },
    async restart() {
      running = await startServer(env(port));
      stopped = false;
    },
    async close() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TeamServer = Awaited<ReturnType<typeof startTeamServer>>;
