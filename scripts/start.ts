// `npm start`: build the extension, start the team server on embedded PGlite (or DATABASE_URL),
// make a demo team with an admin invite code the first time, and say how to load and sign in.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTeam, invite } from '@/server/auth/team-admin';
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
const [{ n }] = (await running.db.query<{ n: number }>('SELECT count(*)::int AS n FROM members WHERE team_id = $1', [demo.id])) as [{ n: number }];
// Until somebody has signed in, every start prints a fresh admin invite (older ones stay valid).
const adminCode = Number(n) === 0 ? (await invite(running.db, demo.id, 'admin@demo.tandem', 'admin')).code : null;

console.log(`
Tandem is running.

  Team server   ${url}   (data in ${running.db.kind === 'pglite' ? path.resolve(process.env.TANDEM_DATA_DIR ?? '.tandem-data') : 'Postgres (DATABASE_URL)'})
  Team          ${demo.name}
${adminCode ? `  Admin invite  ${adminCode}   (works once)\n` : ''}
Load the extension
  Chrome / Chromium / Edge: chrome://extensions → Developer mode → Load unpacked → ${path.join(root, '.output/chrome-mv3')}
  Firefox: about:debugging#/runtime/this-firefox → Load Temporary Add-on… → ${path.join(root, '.output/firefox-mv3/manifest.json')}

Sign in
  Open the extension's Options page → Team → server address ${url} and ${adminCode ? 'the admin invite code above' : 'an invite code'}.
  Invite your team:  npm run -s admin -- invite "${demo.name}" someone@example.com --role recruiter
  Demo data:         npm run seed:demo   (while this runs, in another terminal)

Then open a LinkedIn profile: the sidebar opens on the right (Alt+Shift+T hides it). Ctrl+C stops the server.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void running.stop().then(() => process.exit(0)));
}
