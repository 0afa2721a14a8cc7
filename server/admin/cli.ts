// `npm run -s admin -- <command>`: manage teams, invites and members.
import { parseArgs } from 'node:util';
import { adminSecret, readConfig } from '@/server/config';
import { openDatabase } from '@/server/db/open';
import { MAX_INVITE_HOURS } from '@/server/auth/team-admin';
import { Email, Role } from '@/lib/model';
import { ChatWebhookUrl } from '@/server/mail/chat-webhook';
import { adminSocketPath } from '@/server/http/admin-socket';
import { personExportText } from '@/lib/privacy/person-export';
import { type AdminOps, directOps, socketOps } from './commands';
import { rotateEpochCommand } from './rotate-epoch';
import { runningServer } from './running-server';

const USAGE = `usage: npm run -s admin -- <command>

  team create <name>                 create a team
  invite <team> <email> --role <r>   print a one-time invite code (r: admin, recruiter, sourcer, hiring_manager)
         [--expires <n>d|<n>h]       that works for 7 days, or for the days or hours given (at most 365d)
  members <team>                     list the team's members (active, invited, revoked) and pending invites
  devices <team>                     list the team's devices: member, name, created, last seen, revoked
  role <team> <email> <role>         change a member's role
  rename <team> <email> <name>       change a member's display name (members also set their own in Options)
  revoke <team> <email>              revoke the person's devices and unused invites in that team
  revoke-device <id>                 sign one device out (its id from devices, or its first characters)
  set-webhook <team> <url>|off       post the team's new review requests and overdue reviews to a
                                     Slack-compatible incoming webhook (https), or stop
  rotate-epoch                       after restoring the database from a backup: devices pull everything again
  export-person <team> <key or email> print, as JSON, everything the team holds about one person (an
               [--text]              access request), private notes and follow-ups included; --text: readable
  retention-preview <team>           who the team's retention rule would erase now (before switching it on:
         [--months <n>]              with n months of no activity), by name

<team> is the team's name or id. With DATABASE_URL the database is used directly; otherwise
the command goes through the admin socket of the server running on TANDEM_DATA_DIR, or opens
that folder itself.`;

class UsageError extends Error {}

type Command = (ops: AdminOps) => Promise<string>;

function parseArgv(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: { role: { type: 'string' }, expires: { type: 'string' }, text: { type: 'boolean' }, months: { type: 'string' } } });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e)); // an unknown option, --role without a value
  }
}

/** `--expires 3d` or `--expires 12h` in hours; undefined leaves the server's default. */
function expiresInHours(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const [, n, unit] = /^(\d+)([dh])$/.exec(value.trim()) ?? [];
  const hours = Number(n) * (unit === 'd' ? 24 : 1);
  if (!n || hours < 1 || hours > MAX_INVITE_HOURS) throw new UsageError(`--expires takes days or hours, such as 3d or 12h, up to ${MAX_INVITE_HOURS / 24}d`);
  return hours;
}

const day = (iso: string | null) => iso?.slice(0, 10) ?? '';
const minute = (iso: string | null) => (iso === null ? 'never' : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`);

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
      const hours = expiresInHours(values.expires);
      return async (ops) => {
        const { code, team, expiresAt } = await ops.invite(rest[0]!, email.data, role.data, hours);
        return `invite for ${email.data} (${role.data}) to ${team.name}:\n\n  ${code}\n\nIt works once, until ${minute(expiresAt)} UTC. In Tandem's options page, sign in with this server's URL and the code.`;
      };
    }
    case 'retention-preview': {
      need(1);
      const months = values.months === undefined ? undefined : Number(values.months);
      if (months !== undefined && !(Number.isInteger(months) && months >= 1 && months <= 120)) throw new UsageError('--months takes a whole number of months from 1 to 120');
      return async (ops) => {
        const preview = await ops.retentionPreview(rest[0]!, months);
        if (preview.months === null) return `${preview.team.name}: retention is off; give --months to see who a rule would erase`;
        const lines = preview.people.map((p) => `  ${p.name.padEnd(32)} last activity ${day(new Date(p.lastActivityAt).toISOString())}  ${p.id}`);
        return [`${preview.team.name}: ${preview.people.length} person(s) with no activity for ${preview.months} month(s) (since ${day(new Date(preview.cutoff!).toISOString())}) would be erased`, ...lines].join('\n');
      };
    }
    case 'members': {
      need(1);
      return async (ops) => {
        const list = await ops.members(rest[0]!);
        const lines = list.members.map((m) => `  ${m.email.padEnd(32)} ${m.name.padEnd(24)} ${m.role.padEnd(15)} ${m.status}${m.devices ? `, ${m.devices} device(s)` : ''}`);
        const pending = list.pendingInvites.map((i) => `  ${i.email.padEnd(32)} ${''.padEnd(24)} ${i.role.padEnd(15)} invited ${day(i.createdAt)}, expires ${day(i.expiresAt)}`);
        return [`${list.team.name}: ${list.members.length} member(s), ${list.pendingInvites.length} pending invite(s)`, ...lines, ...pending].join('\n');
      };
    }
    case 'devices': {
      need(1);
      return async (ops) => {
        const { team, devices } = await ops.devices(rest[0]!);
        const lines = devices.map(
          (d) => `  ${d.id.slice(0, 8)}  ${d.email.padEnd(32)} ${d.name.slice(0, 24).padEnd(24)} created ${day(d.createdAt)}  last seen ${minute(d.lastSeenAt).padEnd(16)}  ${d.revokedAt ? `revoked ${day(d.revokedAt)}` : 'active'}`,
        );
        return [`${team.name}: ${devices.length} device(s) (times in UTC)`, ...lines].join('\n');
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
    case 'rename': {
      need(3);
      const email = Email.safeParse(rest[1]);
      if (!email.success) throw new UsageError(`not an email address: ${rest[1]}`);
      return async (ops) => {
        const member = await ops.rename(rest[0]!, email.data, rest[2]!);
        return `${member.email} is now called ${member.name}`;
      };
    }
    case 'revoke': {
      need(2);
      const email = Email.safeParse(rest[1]);
      if (!email.success) throw new UsageError(`not an email address: ${rest[1]}`);
      return async (ops) => {
        const r = await ops.revoke(rest[0]!, email.data);
        return `revoked ${email.data} in ${rest[0]}: ${r.members} membership(s), ${r.devices} device(s), ${r.invites} invite(s)`;
      };
    }
    case 'export-person': {
      need(2);
      return async (ops) => {
        const { team, exported } = await ops.exportPerson(rest[0]!, rest[1]!);
        return values.text ? personExportText(exported, team.name) : JSON.stringify(exported, null, 2);
      };
    }
    case 'revoke-device': {
      need(1);
      return async (ops) => {
        const d = await ops.revokeDevice(rest[0]!);
        return `revoked device ${d.id} (${d.name}, ${d.email})`;
      };
    }
    case 'set-webhook': {
      need(2);
      const url = rest[1] === 'off' ? { success: true as const, data: null } : ChatWebhookUrl.safeParse(rest[1]);
      if (!url.success) throw new UsageError(url.error.issues[0]?.message ?? 'not a webhook URL');
      return async (ops) => {
        const r = await ops.setWebhook(rest[0]!, url.data);
        return r.webhookHost ? `${r.team.name}: new review requests and overdue reviews go to the chat webhook at ${r.webhookHost}` : `${r.team.name}: no chat webhook`;
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
    console.log(await command(socketOps(adminSocketPath(config.dataDir), secret)));
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
