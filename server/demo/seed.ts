import { PushResponse, RedeemResponse, type Role } from '@/lib/model';
import { DEMO_MEMBERS, type DemoMemberKey } from './demo-data';
import { pushBatches } from './batches';
import { demoHistory } from './demo-history';
import { DAY_MS } from '@/lib/time-units';

/**
 * How much of a member's work one push carries. Each push is a transaction (some 25 ms on
 * PGlite in a folder), so a week at a time seeds in a few seconds; the order of versions
 * between unrelated rows shows in no view (they sort by `at`), and within each person's and
 * review's history it stays the order of events (batches.ts).
 */
const PUSH_WINDOW = 7 * DAY_MS;
/** Demo changes are under 1 KB each: this many stay well below a push body's limit. */
const PUSH_MAX = 300;

export interface SeedOutcome {
  members: number;
  changes: number;
  refused: number;
}

/** What the seed needs from the team's admin: invite codes, and who has signed in already. */
export interface DemoAdmin {
  invite(email: string, role: Role): Promise<string>;
  members(): Promise<{ email: string; status: string }[]>;
}

type Fetch = (url: string, init: RequestInit) => Promise<Response> | Response;

/** Whether the demo members already signed in: only the seed signs in as them, so the team has its history. */
async function seededBefore(admin: DemoAdmin): Promise<boolean> {
  const demo = new Set<string>(DEMO_MEMBERS.map((m) => m.email));
  return (await admin.members()).some((m) => demo.has(m.email) && m.status !== 'invited');
}

/** A push, waiting out the rate limit when the server asks to (its `Retry-After`). */
async function send(fetchImpl: Fetch, url: string, init: RequestInit): Promise<Response> {
  for (;;) {
    const res = await fetchImpl(url, init);
    if (res.status !== 429) return res;
    await new Promise((resolve) => setTimeout(resolve, Number(res.headers.get('retry-after') ?? 1) * 1000));
  }
}

/**
 * Fills a team with twelve weeks of the demo team's history up to `now`, through the server's
 * own API at `base`, so its rules, versions and `stage_changed` activities are those of real
 * use: each demo member redeems an invite and pushes what they did, a week at a time, each
 * person's and review's history in the order it happened (batches.ts).
 * Once only: a team whose demo members have signed in before is left alone (null). The seed's
 * devices sign out at the end.
 */
export async function seedDemoTeam(base: string, admin: DemoAdmin, { now = Date.now(), fetchImpl = fetch }: { now?: number; fetchImpl?: Fetch } = {}): Promise<SeedOutcome | null> {
  if (await seededBefore(admin)) return null;
  const json = { 'content-type': 'application/json' };
  const devices = {} as Record<DemoMemberKey, { token: string; clientId: string; nextId: number }>;
  const memberIds = {} as Record<DemoMemberKey, string>;
  for (const m of DEMO_MEMBERS) {
    const code = await admin.invite(m.email, m.role);
    const res = await fetchImpl(`${base}/v1/auth/redeem`, { method: 'POST', headers: json, body: JSON.stringify({ code, deviceName: 'seed:demo' }) });
    const { token, member } = RedeemResponse.parse(await res.json());
    devices[m.key] = { token, clientId: `seed-${m.key}-${now}`, nextId: 1 };
    memberIds[m.key] = member.id;
  }
  let refused = 0;
  let changes = 0;
  try {
    for (const batch of pushBatches(demoHistory({ now, memberIds }), PUSH_WINDOW, PUSH_MAX)) {
      const device = devices[batch[0]!.author];
      const res = await send(fetchImpl, `${base}/v1/push`, {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${device.token}` },
        body: JSON.stringify({ clientId: device.clientId, mutations: batch.map((m) => ({ id: device.nextId++, name: m.name, args: m.args })) }),
      });
      refused += PushResponse.parse(await res.json()).rejected.length;
      changes += batch.length;
    }
  } finally {
    for (const { token } of Object.values(devices)) await fetchImpl(`${base}/v1/auth/signout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  }
  return { members: DEMO_MEMBERS.length, changes: changes - refused, refused };
}
