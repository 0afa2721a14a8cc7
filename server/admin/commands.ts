import { request } from 'node:http';
import type { Database } from '@/server/db/database';
import { type DeviceRow, listDevices, revokeDevice } from '@/server/auth/devices';
import { type Invitation, type MemberListing, type TeamRow, createTeam, findTeam, invite, listMembers, rename, revoke, setRole } from '@/server/auth/team-admin';
import { exportPersonFromServer } from '@/server/privacy/export-person';
import type { Member, Role } from '@/lib/model';
import type { PersonExport } from '@/lib/privacy/person-export';
import { type RetentionCandidate, retentionPreview } from '@/server/privacy/retention';
import { setChatWebhook } from '@/server/mail/chat-webhook';

/** What the admin CLI can do, either through a running server or on the database itself. */
export interface AdminOps {
  createTeam(name: string): Promise<TeamRow>;
  invite(team: string, email: string, role: Role, expiresInHours?: number): Promise<Invitation>;
  members(team: string): Promise<MemberListing & { team: TeamRow }>;
  devices(team: string): Promise<{ team: TeamRow; devices: DeviceRow[] }>;
  setRole(team: string, email: string, role: Role): Promise<Member>;
  rename(team: string, email: string, name: string): Promise<Member>;
  revoke(team: string, email: string): Promise<{ members: number; devices: number; invites: number }>;
  revokeDevice(idOrPrefix: string): Promise<{ id: string; email: string; name: string }>;
  exportPerson(team: string, keyOrEmail: string): Promise<{ team: TeamRow; exported: PersonExport }>;
  /** Who the team's retention rule (or `months`, before it is switched on) would erase now. */
  retentionPreview(team: string, months?: number): Promise<{ team: TeamRow; months: number | null; cutoff: number | null; people: RetentionCandidate[] }>;
  /** A checked webhook URL (ChatWebhookUrl), or null to stop posting. */
  setWebhook(team: string, url: string | null): Promise<{ team: TeamRow; webhookHost: string | null }>;
}

/** The retention preview of a team named by id or name. */
export async function previewRetention(db: Database, team: string, months?: number) {
  const row = await findTeam(db, team);
  return { team: row, ...(await retentionPreview(db, row.id, Date.now(), months)) };
}

export function directOps(db: Database): AdminOps {
  return {
    createTeam: (name) => createTeam(db, name),
    invite: (team, email, role, expiresInHours) => invite(db, team, email, role, { expiresInHours }),
    members: (team) => listMembers(db, team),
    devices: (team) => listDevices(db, team),
    setRole: (team, email, role) => setRole(db, team, email, role),
    rename: (team, email, name) => rename(db, team, email, name),
    revoke: (team, email) => revoke(db, team, email),
    revokeDevice: (idOrPrefix) => revokeDevice(db, idOrPrefix),
    exportPerson: (team, keyOrEmail) => exportPersonFromServer(db, team, keyOrEmail),
    retentionPreview: (team, months) => previewRetention(db, team, months),
    setWebhook: (team, url) => setChatWebhook(db, team, url),
  };
}

/** One request to the admin socket; its JSON answer, or an Error with the server's reason. */
function requestOverSocket<T>(socketPath: string, secret: string, method: string, route: string, body?: unknown): Promise<T> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const req = request(
      { socketPath, path: `/admin${route}`, method, headers: { 'x-tandem-admin-secret': secret, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          try {
            const json = JSON.parse(text) as T & { error?: string };
            if (res.statusCode === undefined || res.statusCode >= 400) reject(new Error(json.error ?? `the server answered ${res.statusCode}`));
            else resolve(json);
          } catch {
            reject(new Error(`the server answered ${res.statusCode} with something other than JSON`));
          }
        });
      },
    );
    req.on('error', (e) => reject(new Error(`cannot reach the server's admin socket ${socketPath}: ${e.message}`)));
    req.end(payload);
  });
}

/** Through the running server's admin socket (PGlite lets one process open its folder). */
export function socketOps(socketPath: string, secret: string): AdminOps {
  const call = <T>(method: string, route: string, body?: unknown) => requestOverSocket<T>(socketPath, secret, method, route, body);
  const team = (t: string) => encodeURIComponent(t);
  return {
    createTeam: (name) => call('POST', '/teams', { name }),
    invite: (t, email, role, expiresInHours) => call('POST', `/teams/${team(t)}/invites`, { email, role, expiresInHours }),
    members: (t) => call('GET', `/teams/${team(t)}/members`),
    devices: (t) => call('GET', `/teams/${team(t)}/devices`),
    setRole: (t, email, role) => call('POST', `/teams/${team(t)}/roles`, { email, role }),
    rename: (t, email, name) => call('POST', `/teams/${team(t)}/names`, { email, name }),
    revoke: (t, email) => call('POST', `/teams/${team(t)}/revoke`, { email }),
    revokeDevice: (idOrPrefix) => call('POST', `/devices/${encodeURIComponent(idOrPrefix)}/revoke`),
    exportPerson: (t, keyOrEmail) => call('POST', `/teams/${team(t)}/export-person`, { keyOrEmail }),
    retentionPreview: (t, months) => call('GET', `/teams/${team(t)}/retention-preview${months === undefined ? '' : `?months=${months}`}`),
    setWebhook: (t, url) => call('POST', `/teams/${team(t)}/webhook`, { url }),
  };
}
