// `npm run -s admin -- <command>`: manage teams, invites and members.
import { parseArgs } from 'node:util';
import { adminSecret, readConfig } from '@/server/config';
import { openDatabase } from '@/server/db/open';
import { Email, Role } from '@/lib/model';
import { type AdminOps, directOps, httpOps } from './commands';
import { rotateEpochCommand } from './rotate-epoch';
import { runningServer } from './running-server';

const USAGE = `usage: npm run -s admin -- <command>

  team create <name>                 create a team
  invite <team> <email> --role <r>   print a one-time invite code (r: admin, recruiter, sourcer, hiring_manager)
  members <team>                     list the team's members and pending invites
  role <team> <email> <role>         change a member's role
  revoke <email>                     revoke the person's devices and unused invites
  rotate-epoch                       after restoring the database from a backup: devices pull everything again

<team> is the team's name or id. With DATABASE_URL the database is used directly; otherwise
the command goes through the server running on TANDEM_DATA_DIR, or opens that folder itself.`;

class UsageError extends Error {}

type Command = (ops: AdminOps) => Promise<string>;

function parseArgv(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: { role: { type: 'string' } } });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e)); // an unknown option, --role without a value
  }
}

/** The command the arguments ask for, checked before any database is opened. */
function parse(argv: string[]): Command {
  const { positionals, values } = parseArgv(argv);
  const [command, ...rest] = positionals;
  const need = (n: number) => {
    if (rest.length !== n) throw new UsageError(`${command} takes ${n} argument${n === 1 ? '' : 's'}`);
  };
  switch (command) {
    case 'team': {
      if (rest[0] !== 'create' || rest.length !== 2) throw new UsageError('team create <name>');
      return async (ops) => {
        const team = await ops.createTeam(rest[1]!);
        return `created team ${team.name} (${team.id})`;
      };
    }
    case 'invite': {
      need(2);
      const role = Role.safeParse(values.role);
      if (!role.success) throw new UsageError('--role must be one of admin, recruiter, sourcer, hiring_manager');
      const email = Email.safeParse(rest[1]);
      if (!email.success) throw new UsageError(`not an email address: ${rest[1]}`);
      return async (ops) => {
        const { code, team } = await ops.invite(rest[0]!, email.data, role.data);
        return `invite for ${email.data} (${role.data}) to ${team.name}:\n\n  ${code}\n\nIt works once. In Tandem's options page, sign in with this server's URL and the code.`;
      };
    }
    case 'members': {
      need(1);
      return async (ops) => {
        const list = await ops.members(rest[0]!);
        const lines = list.members.map((m) => `  ${m.email.padEnd(32)} ${m.name.padEnd(24)} ${m.role.padEnd(15)} ${m.status}${m.devices ? `, ${m.devices} device(s)` : ''}`);
        const pending = list.pendingInvites.map((i) => `  ${i.email.padEnd(32)} ${''.padEnd(24)} ${i.role.padEnd(15)} invited ${i.createdAt.slice(0, 10)}`);
        return [`${list.team.name}: ${list.members.length} member(s), ${list.pendingInvites.length} pending invite(s)`, ...lines, ...pending].join('\n');
      };
    }
    case 'role': {
      need(3);
      const role = Role.safeParse(rest[2]);
      if (!role.success) throw new UsageError('the role must be one of admin, recruiter, sourcer, hiring_manager');
      const email = Email.safeParse(rest[1]);
      if (!email.success) throw new UsageError(`not an email address: ${rest[1]}`);
      return async (ops) => {
        const member = await ops.setRole(rest[0]!, email.data, role.data);
        return `${member.email} is now ${member.role}`;
      };
    }
    case 'revoke': {
      need(1);
      const email = Email.safeParse(rest[0]);
      if (!email.success) throw new UsageError(`not an email address: ${rest[0]}`);
      return async (ops) => {
        const r = await ops.revoke(email.data);
        return `revoked ${email.data}: ${r.members} membership(s), ${r.devices} device(s), ${r.invites} invite(s)`;
      };
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'no command given');
  }
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === 'rotate-epoch') {
    console.log(await rotateEpochCommand(readConfig()));
    return 0;
  }
  const command = parse(argv);
  const config = readConfig();
  const server = config.databaseUrl ? null : runningServer(config.dataDir);
  if (server) {
    const secret = adminSecret(config.dataDir, process.env, { create: false });
    if (!secret) throw new Error(`a server is running on ${config.dataDir} but its admin secret is missing`);
    console.log(await command(httpOps(`http://127.0.0.1:${server.port}`, secret)));
    return 0;
  }
  const db = await openDatabase(config);
  try {
    console.log(await command(directOps(db)));
  } finally {
    await db.close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(`admin: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
