import { z } from 'zod';
import type { TandemDB } from '@/lib/db/database';
import { type Fetch, SignedOutError, ServerError, serverCaller } from './transport';
import { readSession } from './session';

const Revoked = z.object({ revoked: z.number().int().nonnegative() });

/**
 * Withdraws the review link the server mailed for a request (`POST /v1/review-links/revoke`):
 * it stops opening the review at once, and no mail for the request carries a link any more.
 * The server allows the requester, the role's recruiters and admins. Returns how many live links
 * it withdrew (0: already withdrawn).
 */
export async function withdrawReviewLink(db: TandemDB, requestId: string, { fetch: fetchImpl = fetch }: { fetch?: Fetch } = {}): Promise<number> {
  const session = await readSession(db);
  if (!session) throw new SignedOutError('sign in to your team server first: mailed links come from it');
  const call = serverCaller({ serverUrl: session.serverUrl, token: session.token, fetch: fetchImpl });
  const answer = Revoked.safeParse(await call('/v1/review-links/revoke', { method: 'POST', body: JSON.stringify({ requestId }) }));
  if (!answer.success) throw new ServerError(200, 'the server sent an invalid answer to withdrawing the link');
  return answer.data.revoked;
}
