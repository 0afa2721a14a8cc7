// `npm start`: build the extension, start the team server on embedded PGlite (or DATABASE_URL),
// make a demo team filled with demo data and an admin invite code the first time, and say how to
// load the extension and sign in.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTeam, invite, listMembers } from '@/server/auth/team-admin';
import { seedDemoTeam } from '@/server/demo/seed';
import { startServer } from '@/server/main';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = (args: string[]) => execFileSync('npx', ['wxt', 'build', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

console.log('Building the extension for Chrome and Firefox…');
build([]);
build(['-b', 'firefox', '--mv3']);

const running = await startServer({ LOG_LEVEL: 'warn', ...process.env });
const url = `http://127.0.0.1:${running.port}`;
const [team] = await running.db.query<{ id: string; name: string }>('SELECT id, name FROM teams ORDER BY created_at LIMIT 1');
const demo = team ?? (await createTeam(running.db, 'Demo team'));
const ADMIN = 'admin@demo.tandem';
const seedStarted = performance.now();
const seeded = team
  ? null
  : await seedDemoTeam(url, { invite: async (email, role) => (await invite(running.db, demo.id, email, role)).code, members: async () => (await listMembers(running.db, demo.id)).members });
const seedSeconds = ((performance.now() - seedStarted) / 1000).toFixed(1);
const [admin] = await running.db.query<{ joined: boolean }>('SELECT joined_at IS NOT NULL AS joined FROM members WHERE team_id = $1 AND email = $2', [demo.id, ADMIN]);
// Until the admin has signed in, every start prints a fresh admin invite (older ones stay valid).
const adminCode = admin?.joined ? null : (await invite(running.db, demo.id, ADMIN, 'admin')).code;

console.log(`
Tandem is running.

  Team server   ${url}   (data in ${running.db.kind === 'pglite' ? path.resolve(process.env.TANDEM_DATA_DIR ?? '.tandem-data') : 'Postgres (DATABASE_URL)'})
  Team          ${demo.name}${seeded ? `   (demo data: twelve weeks of ${seeded.members} members' work on three requisitions, ${seeded.changes} changes, in ${seedSeconds} s)` : ''}
${adminCode ? `  Admin invite  ${adminCode}   (works once)\n` : ''}
Load the extension
  Chrome / Chromium / Edge: chrome://extensions → Developer mode → Load unpacked → ${path.join(root, '.output/chrome-mv3')}
  Firefox: about:debugging#/runtime/this-firefox → Load Temporary Add-on… → ${path.join(root, '.output/firefox-mv3/manifest.json')}

Sign in
  Open the extension's Options page → Team → server address ${url} and ${adminCode ? 'the admin invite code above' : 'an invite code'}.
  Invite your team:  npm run -s admin -- invite "${demo.name}" someone@example.com --role recruiter
  Another demo team: npm run seed:demo -- "Another team"   (while this runs, in another terminal)

Then open a LinkedIn profile: the sidebar opens on the right (Alt+Shift+T moves into it and back). Ctrl+C stops the server.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void running.stop().then(() => process.exit(0)));
}
