import { PushResponse, RedeemResponse, type Role } from '@/lib/model';
import { DEMO_MEMBERS, demoMutations } from './demo-data';

export interface SeedOutcome {
  members: number;
  changes: number;
  refused: number;
}

/**
 * Fills a team with the demo members, people, notes and activity, through the server's own API
 * at `base` (so the server's rules apply): each member redeems an invite from `invite` and
 * pushes what they did, in the order it happened.
 */
export async function seedDemoTeam(
  base: string,
  invite: (email: string, role: Role) => Promise<string>,
  fetchImpl: (url: string, init: RequestInit) => Promise<Response> | Response = fetch,
): Promise<SeedOutcome> {
  const members = [];
  for (const m of DEMO_MEMBERS) {
    const code = await invite(m.email, m.role);
    const res = await fetchImpl(`${base}/v1/auth/redeem`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'seed:demo' }) });
    members.push({ ...RedeemResponse.parse(await res.json()), clientId: `seed-${m.email.split('@')[0]!.replace(/\W/g, '-')}-${Date.now()}` });
  }
  const mutations = demoMutations();
  let refused = 0;
  const nextId = members.map(() => 1);
  // Each run of one member's changes as one push.
  for (let i = 0; i < mutations.length; ) {
    const author = mutations[i]!.author;
    let j = i;
    while (j < mutations.length && mutations[j]!.author === author && j - i < 500) j++;
    const who = members[author]!;
    const res = await fetchImpl(`${base}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}` },
      body: JSON.stringify({ clientId: who.clientId, mutations: mutations.slice(i, j).map((m) => ({ id: nextId[author]!++, name: m.name, args: m.args })) }),
    });
    refused += PushResponse.parse(await res.json()).rejected.length;
    i = j;
  }
  return { members: members.length, changes: mutations.length - refused, refused };
}
