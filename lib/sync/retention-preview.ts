import type { TandemDB } from '@/lib/db/database';
import { RetentionPreview } from '@/lib/model';
import { type Fetch, SignedOutError, ServerError, serverCaller } from './transport';
import { readSession } from './session';

/**
 * Who a retention rule of `months` would erase now, asked of the team server (admins only):
 * the device holds no history old enough to say, and the server's daily run decides.
 */
export async function previewRetention(db: TandemDB, months: number, { fetch: fetchImpl = fetch }: { fetch?: Fetch } = {}): Promise<RetentionPreview> {
  const session = await readSession(db);
  if (!session) throw new SignedOutError('sign in to your team server to preview: retention runs there');
  const call = serverCaller({ serverUrl: session.serverUrl, token: session.token, fetch: fetchImpl });
  const answer = RetentionPreview.safeParse(await call(`/v1/privacy/retention-preview?months=${months}`, { method: 'GET' }));
  if (!answer.success) throw new ServerError(200, 'the server sent an invalid retention preview');
  return answer.data;
}
