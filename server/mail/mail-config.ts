/**
 * How the server sends mail: `off` (SMTP_URL unset), `log` (SMTP_URL=log, or unset with
 * NODE_ENV=development: each mail is written to the log instead of sent) or `smtp`.
 */
export type MailConfig = { transport: 'off' } | { transport: 'log'; from: string } | { transport: 'smtp'; url: string; from: string };

const DEFAULT_FROM = 'Tandem <tandem@localhost>';

/** A bare address, or a display name with the address in angle brackets. */
const ADDRESS = /^(?:[^<>@\s][^<>@]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

/**
 * The mail settings, checked: a malformed SMTP_URL or MAIL_FROM stops the server at start with
 * a sentence that says what to write instead (the password in the URL is never repeated).
 */
export function mailConfig(env: { SMTP_URL?: string; MAIL_FROM?: string; NODE_ENV?: string }): MailConfig {
  const setting = env.SMTP_URL?.trim() ?? '';
  const from = env.MAIL_FROM?.trim() || undefined;
  if (from !== undefined && !ADDRESS.test(from)) throw new Error(`bad server settings: MAIL_FROM is not a mail address (${from}); write it as tandem@example.com or "Tandem <tandem@example.com>"`);
  if (setting === '') return env.NODE_ENV === 'development' ? { transport: 'log', from: from ?? DEFAULT_FROM } : { transport: 'off' };
  if (setting === 'log') return { transport: 'log', from: from ?? DEFAULT_FROM };
  let url: URL;
  try {
    url = new URL(setting);
  } catch {
    throw new Error('bad server settings: SMTP_URL is not a URL; write it as smtps://user:password@smtp.example.com:465 or smtp://smtp.example.com:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`bad server settings: SMTP_URL must start with smtp:// or smtps:// (it starts with ${url.protocol}//)`);
  if (!url.hostname) throw new Error('bad server settings: SMTP_URL names no host; write it as smtps://user:password@smtp.example.com:465');
  if (url.port !== '' && !(Number(url.port) > 0)) throw new Error(`bad server settings: SMTP_URL has a bad port (${url.port})`);
  if (!from) throw new Error('bad server settings: MAIL_FROM is needed with SMTP_URL: the address mail comes from, such as "Tandem <tandem@example.com>"');
  return { transport: 'smtp', url: url.href, from };
}
