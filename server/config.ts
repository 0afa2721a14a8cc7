import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { RateLimitConfig } from './http/rate-limits';
import { type MailConfig, mailConfig } from './mail/mail-config';
import { MAIL_LOG_DAYS } from './mail/mail-log-retention';

/** A whole number, 0 or more; unset or empty takes the default. */
const wholeNumber = (fallback: number) => z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).default(fallback));
/** Requests a minute; 0 turns the limit off. */
const perMinute = wholeNumber;

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  TANDEM_DATA_DIR: z.string().default('./.tandem-data'),
  TANDEM_ADMIN_SECRET: z.string().min(16).optional(),
  // Far above a real team: a worker pushes every few seconds while someone types and pulls every
  // 30 s and on each sidebar open; a member may have a few devices.
  TANDEM_RATE_PUSH_PER_MIN: perMinute(600),
  TANDEM_RATE_PULL_PER_MIN: perMinute(600),
  TANDEM_RATE_REDEEM_PER_MIN: perMinute(30),
  TANDEM_RATE_BAD_TOKEN_PER_MIN: perMinute(60),
  TANDEM_TRUST_PROXY: z.enum(['', '0', '1', 'false', 'true']).default('').transform((v) => v === '1' || v === 'true'),
  TANDEM_RATE_REVIEW_LINK_PER_MIN: perMinute(120),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().optional(),
  TANDEM_PUBLIC_URL: z.string().optional(),
  // 0 keeps the mail log for ever.
  TANDEM_MAIL_LOG_DAYS: wholeNumber(MAIL_LOG_DAYS),
  NODE_ENV: z.string().optional(),
});

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  rateLimits: RateLimitConfig;
  mail: MailConfig;
  /** Days the mail log keeps a line; 0: for ever. */
  mailLogDays: number;
  /** Where people reach this server, the start of every review link; unset: this listener's address. */
  publicUrl: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new Error(`bad server settings: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const mail = mailConfig(e);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.TANDEM_DATA_DIR),
    rateLimits: {
      pushPerMin: e.TANDEM_RATE_PUSH_PER_MIN,
      pullPerMin: e.TANDEM_RATE_PULL_PER_MIN,
      redeemPerMin: e.TANDEM_RATE_REDEEM_PER_MIN,
      badTokenPerMin: e.TANDEM_RATE_BAD_TOKEN_PER_MIN,
      trustProxy: e.TANDEM_TRUST_PROXY,
      reviewLinkPerMin: e.TANDEM_RATE_REVIEW_LINK_PER_MIN,
    },
    mail,
    mailLogDays: e.TANDEM_MAIL_LOG_DAYS,
    publicUrl: publicUrl(e.TANDEM_PUBLIC_URL),
  };
}

/** TANDEM_PUBLIC_URL without a trailing slash. */
function publicUrl(setting: string | undefined): string | undefined {
  if (!setting) return undefined;
  let url: URL;
  try {
    url = new URL(setting);
  } catch {
    throw new Error(`bad server settings: TANDEM_PUBLIC_URL is not a URL (${setting}); write it as https://tandem.example.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`bad server settings: TANDEM_PUBLIC_URL must start with https:// (it is ${setting})`);
  return url.href.replace(/\/+$/, '');
}

/**
 * The admin routes' secret: TANDEM_ADMIN_SECRET, or a random one kept in the data folder
 * (readable by this machine's user only), where the admin CLI finds it.
 */
export function adminSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env, { create }: { create: boolean }): string | undefined {
  if (env.TANDEM_ADMIN_SECRET) return env.TANDEM_ADMIN_SECRET;
  const file = path.join(dataDir, 'admin.secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (!create) return undefined;
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
