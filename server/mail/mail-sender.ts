import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '@/server/db/database';
import type { Logger } from '@/server/log';
import { RetryLoop } from '@/lib/retry-loop';
import type { MailConfig } from './mail-config';
import { CHAT_KINDS, MAX_ATTEMPTS, type MailKind, type MailOutcome, type QueuedMail, claimMail, finishMail, isChat, nextMailDueInMs } from './mail-queue';
import { ChatPostError, chatInput, postChat, queueOverdueChats } from './chat-webhook';
import { reviewMailInput } from './review-mail-data';
import { reviewRequestMail } from './review-request-mail';
import { queueDueReminders } from './reminder-queue';
import { queueDueCheckIns } from './check-in-queue';
import { checkInMailInput } from './check-in-mail-data';
import { checkInMail } from './check-in-mail';
import type { ComposedMail } from './review-request-mail';

/** How often the queue is looked at when no notification came (retries fall due, another process queued). */
const POLL_MS = 15_000;
/** How often each process looks for reminder slots that came due (a reminder is at most this late). */
const REMINDERS_EVERY_MS = 60_000;
/** Longer than a send can take (nodemailer's timeouts below), so a lease never runs out mid-send. */
const LEASE_MS = 5 * 60_000;
const BATCH = 20;
/** Sends at once: a few connections to the SMTP server, not one per mail. */
const PARALLEL = 5;

export interface MailSenderOptions {
  db: Database;
  log: Logger;
  /** `off`: no mail; the sender still posts to teams' chat webhooks. */
  config: MailConfig;
  secret: string;
  publicUrl: string;
  now?: () => number;
}

function makeTransport(config: Exclude<MailConfig, { transport: 'off' }>): Transporter {
  if (config.transport === 'log') return nodemailer.createTransport({ jsonTransport: true });
  return nodemailer.createTransport({ url: config.url, pool: true, maxConnections: PARALLEL, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
}

/**
 * An SMTP answer that will not change on retry (5xx: no such mailbox, refused) fails the mail at
 * once; anything else (a 4xx, the server down, a timeout) is tried again later.
 */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Sends the queued mail: wakes when a push queues one (NOTIFY tandem_mail, from any process)
 * and every 15 s, claims due mail with a lease, sends it, and records each attempt in the mail
 * log. Each mail carries a Message-ID made from its queue row, so the rare resend after a crash
 * between the SMTP server's "OK" and our record of it is one message to mail clients.
 */
export class MailSender {
  private readonly transport: Transporter | null;
  private readonly loop: RetryLoop;
  private unlisten: (() => Promise<void>) | null = null;
  private reminderTimer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;
  private readonly now: () => number;
  private readonly domain: string;

  constructor(private readonly options: MailSenderOptions) {
    this.transport = options.config.transport === 'off' ? null : makeTransport(options.config);
    this.now = options.now ?? Date.now;
    this.domain = new URL(options.publicUrl).hostname || 'tandem.invalid';
    this.loop = new RetryLoop(() => this.drain(), {
      onError: (err) => options.log.error({ err }, 'sending mail failed'),
      // The poll must not hold a stopping process open.
      setTimer: (fn, ms) => setTimeout(fn, ms).unref(),
    });
  }

  async start(): Promise<void> {
    this.unlisten = await this.options.db.listen(['tandem_mail'], { onNotify: () => this.wake(), onGap: () => this.wake() });
    this.reminderTimer = setInterval(() => void this.queueReminders(), REMINDERS_EVERY_MS);
    this.reminderTimer.unref();
    await this.queueReminders();
    this.wake();
  }

  /**
   * Queues the reminders and weekly check-ins due by this process's clock, and sends them. Every
   * process does this; the queue's unique key (the kind and its slot) lets one of them queue each.
   */
  async queueReminders(): Promise<void> {
    if (this.stopped) return;
    try {
      const now = this.now();
      const reminders = this.transport ? (await queueDueReminders(this.options.db, now)) + (await queueDueCheckIns(this.options.db, now)) : 0;
      if (reminders + (await queueOverdueChats(this.options.db, now)) > 0) this.wake();
    } catch (err) {
      this.options.log.error({ err }, 'queueing reminder mail failed');
    }
  }

  wake(): void {
    if (!this.stopped) void this.loop.run();
  }

  /** Sends every mail due now; resolves when none is left. */
  async drain(): Promise<{ retryInMs: number } | void> {
    for (;;) {
      if (this.stopped) return;
      const claimed = await claimMail(this.options.db, { limit: BATCH, leaseMs: LEASE_MS, kinds: this.transport ? null : CHAT_KINDS });
      if (claimed.length === 0) break;
      const queue = [...claimed];
      await Promise.all(
        Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
          for (let mail = queue.shift(); mail; mail = queue.shift()) await this.sendOne(mail);
        }),
      );
    }
    if (this.stopped) return;
    const next = await nextMailDueInMs(this.options.db);
    return { retryInMs: Math.min(POLL_MS, next ?? POLL_MS) };
  }

  private async sendOne(mail: QueuedMail): Promise<void> {
    const outcome = isChat(mail) ? await this.postOne(mail) : await this.mailOne(mail as QueuedMail & { kind: MailKind }, this.transport!);
    if (!(await finishMail(this.options.db, mail, outcome))) this.options.log.warn({ mailId: mail.id }, 'a mail outlived its lease; another sender has it');
  }

  private async mailOne(mail: QueuedMail & { kind: MailKind }, transport: Transporter): Promise<MailOutcome> {
    const { log } = this.options;
    const input = await this.compose(mail);
    if ('skip' in input) return { status: 'skipped', reason: input.skip };
    const { composed } = input;
    const sent = { recipient: input.to, subject: composed.subject };
    try {
      const info = (await transport.sendMail({
        from: 'from' in this.options.config ? this.options.config.from : undefined,
        to: input.to,
        subject: composed.subject,
        text: composed.text,
        html: composed.html,
        messageId: `<tandem-mail-${mail.id}@${this.domain}>`,
      })) as { message?: unknown };
      if (this.options.config.transport === 'log') log.info({ mailId: mail.id, to: input.to, subject: composed.subject, message: String(info.message) }, 'mail (log transport, not sent)');
      return { status: 'sent', ...sent };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const outcome: MailOutcome = isPermanent(err) || mail.attempts >= MAX_ATTEMPTS ? { status: 'failed', error, ...sent } : { status: 'retry', error, ...sent };
      log.warn({ mailId: mail.id, attempts: mail.attempts, status: outcome.status, error }, 'mail not delivered');
      return outcome;
    }
  }

  private async compose(mail: QueuedMail & { kind: MailKind }): Promise<{ to: string; composed: ComposedMail } | { skip: string }> {
    const now = this.now();
    if (mail.kind === 'check_in') {
      const input = await checkInMailInput(this.options.db, mail, now);
      return 'skip' in input ? input : { to: input.to, composed: checkInMail(input.checkIn, input.recipientName) };
    }
    const input = await reviewMailInput(this.options.db, { ...mail, kind: mail.kind }, { secret: this.options.secret, publicUrl: this.options.publicUrl, now });
    return 'skip' in input ? input : { to: input.to, composed: reviewRequestMail(input.data) };
  }

  /** A post to the team's chat webhook; logged by the webhook's host only (its URL is a secret). */
  private async postOne(mail: QueuedMail): Promise<MailOutcome> {
    const input = await chatInput(this.options.db, mail, this.now());
    if ('skip' in input) return { status: 'skipped', reason: input.skip };
    const sent = { recipient: `chat webhook at ${input.host}`, subject: input.text };
    try {
      await postChat(input.url, input.text);
      return { status: 'sent', ...sent };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const permanent = err instanceof ChatPostError && err.permanent;
      this.options.log.warn({ mailId: mail.id, attempts: mail.attempts, error }, 'chat post not delivered');
      return permanent || mail.attempts >= MAX_ATTEMPTS ? { status: 'failed', error, ...sent } : { status: 'retry', error, ...sent };
    }
  }

  /** Resolves when no send woken by `wake` (or by queued reminders) is going on. */
  whenIdle(): Promise<void> {
    return this.loop.whenIdle();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reminderTimer) clearInterval(this.reminderTimer);
    await this.unlisten?.();
    await this.whenIdle();
    this.transport?.close();
  }
}
