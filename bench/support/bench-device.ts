// A signed-in device's local state, for the benches in Node and in a browser page alike.
import { ulid } from 'ulidx';
import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import type { Me } from '@/lib/model';
import { INITIAL_SYNC_STATE, type Session } from '@/lib/sync/session';
import { httpTransport } from '@/lib/sync/transport';

/** What a sign-in leaves a device (the server's redeem answer and its address). */
export interface SignIn {
  serverUrl: string;
  token: string;
  member: { id: string; name: string; email: string; role: Me['role'] };
  team: { id: string; name: string };
}

/** `db` signed in as `signIn` with a fresh client id, at cursor 0; its transport with a long timeout. */
export async function signInDevice(signIn: SignIn, db: TandemDB) {
  const { member, team, token, serverUrl } = signIn;
  const session: Session = { serverUrl, token, clientId: ulid(), memberId: member.id, teamId: team.id, teamName: team.name, deviceName: 'bench', signedInAt: Date.now() };
  const me: Me = { memberId: member.id, teamId: team.id, name: member.name, email: member.email, role: member.role };
  await db.local.bulkPut([
    { key: LOCAL_KEYS.session, value: session },
    { key: LOCAL_KEYS.me, value: me },
    { key: LOCAL_KEYS.syncState, value: INITIAL_SYNC_STATE },
  ]);
  return { db, session, me, transport: httpTransport({ serverUrl, token, timeoutMs: 300_000 }) };
}
