import { describe, expect, it } from 'vitest';
import { createTeam, invite } from '@/server/auth/team-admin';
import { DEMO_MEMBERS } from '@/server/demo/demo-data';
import { seedDemoTeam } from '@/server/demo/seed';
import { serverFor } from './support/suite';

describe('the demo team npm start fills the first time', () => {
  const server = serverFor('pglite');

  it('has its members signed in and every demo change accepted by the server’s rules', async () => {
    const team = await createTeam(server.db, 'Demo team');
    const seeded = await seedDemoTeam('http://demo.test', async (email, role) => (await invite(server.db, team.id, email, role)).code, (url, init) => server.app.request(url, init));
    expect(seeded.refused).toBe(0);
    expect(seeded.members).toBe(DEMO_MEMBERS.length);
    const joined = await server.db.query<{ email: string }>('SELECT email FROM members WHERE team_id = $1 AND joined_at IS NOT NULL ORDER BY email', [team.id]);
    expect(joined.map((m) => m.email)).toEqual(DEMO_MEMBERS.map((m) => m.email).sort());
    const [people] = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM entities WHERE team_id = $1 AND kind = 'prospect'", [team.id]);
    expect(people!.n).toBeGreaterThanOrEqual(40);
    expect(seeded.changes).toBeGreaterThan(people!.n);
  });
});
