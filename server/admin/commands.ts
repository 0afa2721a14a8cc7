import type { Database } from '@/server/db/database';
import { createTeam, invite, listMembers, revoke, setRole, type MemberListing, type TeamRow } from '@/server/auth/team-admin';
import type { Member, Role } from '@/lib/model';

/** What the admin CLI can do, either through a running server or on the database itself. */
export interface AdminOps {
  createTeam(name: string): Promise<TeamRow>;
  invite(team: string, email: string, role: Role): Promise<{ code: string; team: TeamRow }>;
  members(team: string): Promise<MemberListing & { team: TeamRow }>;
  setRole(team: string, email: string, role: Role): Promise<Member>;
  revoke(email: string): Promise<{ members: number; devices: number; invites: number }>;
}

export function directOps(db: Database): AdminOps {
  return {
    createTeam: (name) => createTeam(db, name),
    invite: (team, email, role) => invite(db, team, email, role),
    members: (team) => listMembers(db, team),
    setRole: (team, email, role) => setRole(db, team, email, role),
    revoke: (email) => revoke(db, email),
  };
}

/** Through the running server's loopback admin routes (PGlite lets one process open its folder). */
export function httpOps(baseUrl: string, secret: string): AdminOps {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/admin${path}`, {
      method,
      headers: { 'x-tandem-admin-secret': secret, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(json.error ?? `the server answered ${res.status}`);
    return json;
  };
  const team = (t: string) => encodeURIComponent(t);
  return {
    createTeam: (name) => call('POST', '/teams', { name }),
    invite: (t, email, role) => call('POST', `/teams/${team(t)}/invites`, { email, role }),
    members: (t) => call('GET', `/teams/${team(t)}/members`),
    setRole: (t, email, role) => call('POST', `/teams/${team(t)}/roles`, { email, role }),
    revoke: (email) => call('POST', '/revoke', { email }),
  };
}
