// Budget (issue 12): 1,000 queued mails delivered to a local SMTP server in ≤ 30 s, none twice.
// A real server (PGlite) stores 1,000 one-person review requests (each queues its mail in the
// push's transaction), with mail off; then two senders, as two server processes would, drain the
// queue into a local SMTP server (smtp-server) at once. Timed from the first claim to the last
// mail recorded as sent; every Message-ID and every request must arrive exactly once.
import { createLogger } from '@/server/log';
import { MailSender } from '@/server/mail/mail-sender';
import { linkSecret } from '@/server/review-link/token';
import { startSmtp } from '../tests/support/smtp-server';
import { reviewTeam } from './support/review-team';

const MAILS = Number(process.env.BENCH_MAILS ?? 1000);
const BUDGET_MS = 30_000;
const out = (o: object) => console.log(JSON.stringify(o));

const smtp = await startSmtp();
const team = await reviewTeam({ requests: MAILS, people: 1 });
try {
  const [{ queued } = { queued: 0 }] = await team.server.db.query<{ queued: number }>("SELECT count(*)::int AS queued FROM mail_queue WHERE status = 'queued'");
  const secret = await linkSecret(team.server.db);
  const sender = () => new MailSender({ db: team.server.db, log: createLogger('silent'), config: { transport: 'smtp', url: smtp.url, from: 'Tandem <tandem@bench.example>' }, secret, publicUrl: team.url });
  const senders = [sender(), sender()];
  const started = performance.now();
  await Promise.all(senders.map((s) => s.drain()));
  const ms = performance.now() - started;
  await Promise.all(senders.map((s) => s.stop()));
  const ids = smtp.received.map((m) => /^Message-ID: (.*)$/im.exec(m.raw)?.[1]);
  const [{ sent } = { sent: 0 }] = await team.server.db.query<{ sent: number }>("SELECT count(*)::int AS sent FROM mail_queue WHERE status = 'sent'");
  const twice = ids.length - new Set(ids).size;
  out({ bench: 'mail-queue-1000', unit: 'ms', queued, received: smtp.received.length, sent, twice, ms: Math.round(ms), budget: BUDGET_MS, ok: ms <= BUDGET_MS && twice === 0 && smtp.received.length === MAILS && sent === MAILS });
} finally {
  await team.close();
  await smtp.close();
}
