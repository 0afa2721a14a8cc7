import { z } from 'zod';
import type { Queryable } from '@/server/db/database';
import { type TeamRow, findTeam } from '@/server/auth/team-admin';
import { dueText, formatDueAt } from '@/lib/deadlines';
import type { ReviewRequest, Requisition } from '@/lib/model';
import type { QueuedMail } from './mail-queue';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A Slack-compatible incoming webhook: https (plain http only on this machine's loopback, for a
 * local relay or a test), no user name or password in it.
 */
export const ChatWebhookUrl = z
  .string()
  .trim()
  .max(2000, 'the webhook URL is too long')
  .refine((s) => URL.canParse(s), 'the webhook is not a URL; paste the incoming-webhook URL your chat gives, such as https://hooks.slack.com/services/…')
  .transform((s) => new URL(s))
  .refine((u) => u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname)), 'the webhook must be an https:// URL')
  .refine((u) => !u.username && !u.password, 'the webhook URL must not hold a user name or password')
  .transform((u) => u.href);

/** Sets (or, with null, removes) a team's chat webhook. Says where posts go by host only: the URL is a secret. */
export async function setChatWebhook(db: Queryable, teamIdOrName: string, url: string | null): Promise<{ team: TeamRow; webhookHost: string | null }> {
  const team = await findTeam(db, teamIdOrName);
  await db.query('UPDATE teams SET chat_webhook_url = $2, chat_webhook_set_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END WHERE id = $1', [team.id, url]);
  return { team, webhookHost: url === null ? null : new URL(url).host };
}

/**
 * Queues a chat post for each open request of a team with a webhook that fell due by `now`
 * (kind `chat_overdue`, once per request), for requests due after the webhook was set: setting it
 * does not post every old overdue review at once.
 */
export async function queueOverdueChats(db: Queryable, now: number): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO mail_queue (team_id, request_id, reviewer_id, kind)
     SELECT e.team_id, e.id, m.id, 'chat_overdue'
       FROM entities e
       JOIN teams t ON t.id = e.team_id AND t.chat_webhook_url IS NOT NULL
       JOIN members m ON m.team_id = e.team_id AND m.id = e.doc->>'reviewerId'
      WHERE e.kind = 'review_request' AND e.doc->>'status' = 'open' AND e.doc->>'deletedAt' IS NULL
        AND (e.doc->>'dueAt')::bigint < $1 AND (e.doc->>'dueAt')::bigint >= extract(epoch FROM t.chat_webhook_set_at) * 1000
     ON CONFLICT DO NOTHING RETURNING id`,
    [now],
  );
  return rows.length;
}

/** Slack reads `<…>` as links and mentions (`<!channel>`): names are escaped, never markup. */
const escapeChat = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export type ChatInput = { url: string; host: string; text: string } | { skip: string };

/**
 * The post for a queued chat mail, read when it is sent: who asked whom, how many people, for
 * which role and the deadline. No candidate names and never the review link (it is the
 * reviewer's own).
 */
export async function chatInput(db: Queryable, mail: QueuedMail, now: number): Promise<ChatInput> {
  const [team] = await db.query<{ url: string | null }>('SELECT chat_webhook_url AS url FROM teams WHERE id = $1', [mail.team_id]);
  if (!team?.url) return { skip: 'the team has no chat webhook any more' };
  const doc = async <T>(kind: string, id: string) =>
    (await db.query<{ doc: T }>('SELECT doc FROM entities WHERE team_id = $1 AND kind = $2 AND id = $3', [mail.team_id, kind, id]))[0]?.doc;
  const request = await doc<ReviewRequest>('review_request', mail.request_id);
  if (!request || request.deletedAt !== null || request.status !== 'open') return { skip: `the review request is ${request?.status ?? 'gone'}` };
  const requisition = await doc<Requisition>('requisition', request.requisitionId);
  const names = await db.query<{ id: string; name: string }>('SELECT id, name FROM members WHERE team_id = $1 AND id = ANY($2::text[])', [mail.team_id, [request.requesterId, request.reviewerId]]);
  const name = (id: string) => escapeChat(names.find((m) => m.id === id)?.name ?? 'A teammate');
  const count = `${request.prospectIds.length} ${request.prospectIds.length === 1 ? 'person' : 'people'}`;
  const role = escapeChat(requisition?.title ?? 'a role');
  const text =
    mail.kind === 'chat_overdue'
      ? `${name(request.reviewerId)}’s review of ${count} for ${role} (asked by ${name(request.requesterId)}) is ${dueText(request.dueAt, now)}.`
      : `${name(request.requesterId)} asked ${name(request.reviewerId)} to review ${count} for ${role}, due ${formatDueAt(request.dueAt, now, 'UTC')} UTC.`;
  return { url: team.url, host: new URL(team.url).host, text };
}

/** Why a post failed; `permanent`: the webhook answered a 4xx other than 429 (removed, wrong), trying again will not help. */
export class ChatPostError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** Posts `{ text }` to the webhook; throws ChatPostError unless it answers 2xx. */
export async function postChat(url: string, text: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }), redirect: 'error', signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    throw new ChatPostError(`the webhook did not answer: ${err instanceof Error ? err.message : String(err)}`, false);
  }
  await res.body?.cancel();
  if (res.ok) return;
  throw new ChatPostError(`the webhook answered ${res.status}`, res.status >= 400 && res.status < 500 && res.status !== 429);
}
