// `npm run seed:demo [team]`: fills a team ("Demo team" by default) with twelve weeks of the demo
// team's history, through the server's own API (the running server's, or one started here on the
// same data). Once per team: a team seeded before is left as it is.
import { socketOps } from '@/server/admin/commands';
import { runningServer } from '@/server/admin/running-server';
import { adminSecret, readConfig } from '@/server/config';
import { DEMO_MEMBERS } from '@/server/demo/demo-data';
import { seedDemoTeam } from '@/server/demo/seed';
import { adminSocketPath } from '@/server/http/admin-socket';
import { startServer } from '@/server/main';

const TEAM = process.argv[2] ?? 'Demo team';
const config = readConfig();
const existing = config.databaseUrl ? null : runningServer(config.dataDir);
const own = existing ? null : await startServer({ ...process.env, PORT: '0', LOG_LEVEL: 'warn' });
const base = `http://127.0.0.1:${existing?.port ?? own!.port}`;
const ops = socketOps(adminSocketPath(config.dataDir), adminSecret(config.dataDir, process.env, { create: false }) ?? '');

try {
  await ops.createTeam(TEAM).catch((e: Error) => {
    if (!/already exists/.test(e.message)) throw e;
  });
  const started = performance.now();
  const seeded = await seedDemoTeam(base, { invite: async (email, role) => (await ops.invite(TEAM, email, role)).code, members: async () => (await ops.members(TEAM)).members });
  if (!seeded) console.log(`“${TEAM}” has its demo history already; nothing written.`);
  else console.log(`Seeded “${TEAM}”: twelve weeks of ${seeded.members} members' work on three requisitions, ${seeded.changes} changes in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  if (seeded?.refused) console.warn(`${seeded.refused} demo changes were refused by the server's rules.`);
  console.log(`Members: ${DEMO_MEMBERS.map((m) => `${m.email} (${m.role})`).join(', ')}`);
  console.log(`Sign in as one of them with: npm run -s admin -- invite "${TEAM}" <email> --role <role>`);
} finally {
  await own?.stop();
}
