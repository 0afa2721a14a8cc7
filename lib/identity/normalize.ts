/**
 * How names, companies and emails are compared when looking for the same person: case, accents,
 * punctuation and company suffixes differ between sites for the same person ("José Núñez" on
 * LinkedIn, "Jose Nunez" in an ATS; "Acme, Inc." and "ACME").
 */

/** Lower-case words without accents or punctuation; empty when the text has no letters or digits. */
export function nameTokens(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * A full name as compared: its words in any order ("Lovelace, Ada" is "Ada Lovelace"); null for
 * fewer than two words, so "Ada" alone names nobody.
 */
export function nameKey(name: string): string | null {
  const words = nameTokens(name);
  return words.length >= 2 ? words.sort().join(' ') : null;
}

/** Words that say what kind of company it is, not which one. */
const COMPANY_SUFFIXES = new Set(['inc', 'incorporated', 'llc', 'ltd', 'limited', 'gmbh', 'ag', 'sa', 'sas', 'sarl', 'bv', 'nv', 'plc', 'corp', 'corporation', 'co', 'company', 'oy', 'ab', 'as', 'srl', 'spa', 'kk', 'pty', 'the']);

/** A company's name as compared: "Acme, Inc." and "ACME" are the same; null when nothing is left. */
export function companyKey(company: string | null | undefined): string | null {
  if (!company) return null;
  const words = nameTokens(company).filter((w) => !COMPANY_SUFFIXES.has(w));
  return words.length > 0 ? words.join(' ') : null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Mail providers anyone can sign up with: two people at gmail.com share nothing. Only a
 * company's own domain says "works at the same place".
 */
const SHARED_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'live.com', 'msn.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr',
  'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.de', 'gmx.net', 'gmx.com', 'web.de', 'mail.com',
  'yandex.ru', 'yandex.com', 'qq.com', '163.com', '126.com', 'zoho.com', 'fastmail.com', 'hey.com', 'orange.fr', 'free.fr', 'laposte.net',
]);

/** The domain of a company address, or null for a shared mail provider or a malformed address. */
export function companyMailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 1) return null;
  const domain = normalizeEmail(email.slice(at + 1));
  return domain && !SHARED_MAIL_DOMAINS.has(domain) ? domain : null;
}
