import { ulid } from 'ulidx';
import type { Database } from '@/server/db/database';
import { createTeam, invite, redeem } from '@/server/auth/team-admin';
import { createAdminApp } from '@/server/http/admin-routes';
import { createApp } from '@/server/http/app';
import { createLogger } from '@/server/log';
import type { Member, ProspectIdentity, PullResponse, PushResponse, Role } from '@/lib/model';

export const ADMIN_SECRET = 'test-admin-secret-0123456789';

export type App = ReturnType<typeof createApp>;

export function appFor(db: Database): App {
  return createApp({ db, log: createLogger('silent') });
}

/** The admin routes, as the admin socket serves them. */
export function adminAppFor(db: Database) {
  return createAdminApp({ db, log: createLogger('silent'), secret: ADMIN_SECRET });
}

export interface Call {
  status: number;
  body: unknown;
}

/** One HTTP call to the app, in process. */
export async function call(app: Pick<App, 'request'>, method: string, path: string, { token, body, headers = {} }: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Call> {
  const res = await app.request(path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the assertion to show
  }
  return { status: res.status, body: parsed };
}

export interface SignedIn {
  member: Member;
  token: string;
  clientId: string;
}

/** A team with one signed-in member per role given. */
export async function teamWith(db: Database, roles: Role[], name = `Team ${ulid()}`) {
  const team = await createTeam(db, name);
  const members: SignedIn[] = [];
  for (const [i, role] of roles.entries()) {
    const { code } = await invite(db, team.id, `member${i}.${role}@${team.id.toLowerCase()}.example`, role);
    const { token, member } = await redeem(db, code, `device ${i}`);
    members.push({ member, token, clientId: `client-${ulid()}` });
  }
  return { team, members };
}

export function identity(slug = 'ada-lovelace', name = 'Ada Lovelace'): ProspectIdentity {
  return { site: 'linkedin', key: `linkedin:${slug}`, url: `https://www.linkedin.com/in/${slug}/`, name, headline: 'Analyst', company: 'Engines', location: 'London' };
}

/** Push and pull as a member, failing the test on anything but 200. */
export function as(app: App, who: SignedIn) {
  let nextId = 1;
  return {
    async push(mutations: { name: string; args: unknown; id?: number }[]): Promise<PushResponse> {
      const res = await call(app, 'POST', '/v1/push', {
        token: who.token,
        body: { clientId: who.clientId, mutations: mutations.map((m) => ({ id: m.id ?? nextId++, name: m.name, args: m.args })) },
      });
      if (res.status !== 200) throw new Error(`push → ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as PushResponse;
    },
    async pull(cursor = 0, limit = 1000, since = 0): Promise<PullResponse> {
      const res = await call(app, 'GET', `/v1/pull?clientId=${who.clientId}&cursor=${cursor}&limit=${limit}&since=${since}`, { token: who.token });
      if (res.status !== 200) throw new Error(`pull → ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as PullResponse;
    },
    /** Every row visible now, following pages to the end. */
    async pullAll(limit = 1000): Promise<PullResponse['rows']> {
      const rows: PullResponse['rows'] = [];
      let cursor = 0;
      for (;;) {
        const page = await this.pull(cursor, limit);
        rows.push(...page.rows);
        cursor = page.cursor;
        if (!page.more) return rows;
      }
    },
  };
}

/** The documents of one kind among pulled rows (rows the member may no longer see left out). */
export const docsOf = <T>(rows: PullResponse['rows'], kind: string) => rows.filter((r) => r.kind === kind && r.doc !== null).map((r) => r.doc as T);
