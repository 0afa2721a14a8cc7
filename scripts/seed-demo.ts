// `npm run seed:demo`: fills the demo team with members, people, notes and activity, through the
// server's own API (the running server's, or one started here on the same data).
import { socketOps } from '@/server/admin/commands';
import { runningServer } from '@/server/admin/running-server';
import { adminSecret, readConfig } from '@/server/config';
import { DEMO_MEMBERS, demoMutations } from '@/server/demo/demo-data';
import { adminSocketPath } from '@/server/http/admin-socket';
import { startServer } from '@/server/main';
import { PushResponse, RedeemResponse } from '@/lib/model';

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
  const members = [];
  for (const m of DEMO_MEMBERS) {
    const { code } = await ops.invite(TEAM, m.email, m.role);
    const res = await fetch(`${base}/v1/auth/redeem`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'seed:demo' }) });
    members.push({ ...RedeemResponse.parse(await res.json()), clientId: `seed-${m.email.split('@')[0]!.replace(/\W/g, '-')}-${Date.now()}` });
  }
  const mutations = demoMutations();
  let rejected = 0;
  const nextId = members.map(() => 1);
  // In the order they happened, each run of one member's changes as one push.
  for (let i = 0; i < mutations.length; ) {
    const author = mutations[i]!.author;
    let j = i;
    while (j < mutations.length && mutations[j]!.author === author && j - i < 500) j++;
    const who = members[author]!;
    const res = await fetch(`${base}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}` },
      body: JSON.stringify({ clientId: who.clientId, mutations: mutations.slice(i, j).map((m) => ({ id: nextId[author]!++, name: m.name, args: m.args })) }),
    });
    rejected += PushResponse.parse(await res.json()).rejected.length;
    i = j;
  }
  console.log(`Seeded “${TEAM}”: ${members.length} members, ${mutations.length - rejected} changes.`);
  if (rejected) console.warn(`${rejected} demo changes were refused by the server's rules.`);
  console.log(`Members: ${DEMO_MEMBERS.map((m) => `${m.email} (${m.role})`).join(', ')}`);
  console.log(`Sign in as one of them with: npm run -s admin -- invite "${TEAM}" <email> --role <role>`);
} finally {
  await own?.stop();
}
