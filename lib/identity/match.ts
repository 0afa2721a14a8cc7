import type { ProspectIdentity, SiteId } from '@/lib/model';
import { companyKey, companyMailDomain, nameKey, normalizeEmail } from './normalize';

/** What matching needs to know of one of the team's people (a `Prospect` is one). */
export interface PersonRecord {
  id: string;
  name: string;
  company: string | null;
  emails: readonly string[];
  profiles: readonly { site: SiteId; key: string }[];
}

/** Why a person is proposed: each reason is a piece of evidence, shown in words by the sidebar. */
export type MatchReason = 'linked-profile' | 'same-email' | 'name-and-company' | 'name-and-email-domain';

export interface Suggestion {
  personId: string;
  /** 0..1: more evidence, higher; suggestions come highest first. */
  score: number;
  reasons: MatchReason[];
}

export interface MatchResult {
  /** The person this page's own profile already belongs to: nothing to join. */
  knownId: string | null;
  /** One person the page's linked profiles or emails name, and only one: attach the page's profile to them. */
  join: { personId: string; via: 'linked-profile' | 'same-email' } | null;
  /** "Same person as …?": asked, never acted on alone. */
  suggestions: Suggestion[];
}

/** What to look up among the team's people for a page: its profile keys, its emails, its name. */
export interface Lookups {
  keys: string[];
  emails: string[];
  /** The page's name as compared (`nameKey`); null for a stand-in name or a single word. */
  nameKey: string | null;
}

export function lookupsFor(identity: ProspectIdentity): Lookups {
  return {
    keys: [identity.key, ...(identity.sameAs ?? []).map((p) => p.key)],
    emails: [...new Set((identity.emails ?? []).map(normalizeEmail))],
    nameKey: identity.nameIsStandIn ? null : nameKey(identity.name),
  };
}

export const MAX_SUGGESTIONS = 3;

/**
 * Which of the team's people the page's person is. `candidates` are the people the lookups
 * found (by key, email or a name word), from an in-memory index or the device's database; the
 * decision is the same whichever found them.
 *
 * - the page's own key belongs to someone: that is them (`knownId`);
 * - a linked profile (`sameAs`) or an email names exactly one person: a join;
 *   several people: no join, each is a suggestion;
 * - otherwise a name (all its words, in any order) plus the same company or the same company
 *   mail domain is a suggestion; a name alone never is;
 * - never someone who has another profile on the page's own site: two Greenhouse ids are two
 *   people until someone merges them.
 */
export function matchIdentity(identity: ProspectIdentity, candidates: Iterable<PersonRecord>): MatchResult {
  const people = new Map<string, PersonRecord>();
  for (const p of candidates) people.set(p.id, p);
  const known = [...people.values()].find((p) => p.profiles.some((r) => r.key === identity.key));
  if (known) return { knownId: known.id, join: null, suggestions: [] };

  const eligible = [...people.values()].filter((p) => !p.profiles.some((r) => r.site === identity.site && r.key !== identity.key));
  const linkedKeys = new Set((identity.sameAs ?? []).map((r) => r.key));
  const emails = new Set((identity.emails ?? []).map(normalizeEmail));
  const pageName = identity.nameIsStandIn ? null : nameKey(identity.name);
  const pageCompany = companyKey(identity.company);
  const pageDomains = new Set([...emails].map(companyMailDomain).filter((d): d is string => d !== null));

  const scored: Suggestion[] = [];
  for (const person of eligible) {
    const reasons: MatchReason[] = [];
    if (person.profiles.some((r) => linkedKeys.has(r.key))) reasons.push('linked-profile');
    if (person.emails.some((e) => emails.has(normalizeEmail(e)))) reasons.push('same-email');
    if (pageName !== null && nameKey(person.name) === pageName) {
      if (pageCompany !== null && companyKey(person.company) === pageCompany) reasons.push('name-and-company');
      if (person.emails.some((e) => pageDomains.has(companyMailDomain(e) ?? ''))) reasons.push('name-and-email-domain');
    }
    if (reasons.length > 0) scored.push({ personId: person.id, score: score(reasons), reasons });
  }
  scored.sort((a, b) => b.score - a.score || a.personId.localeCompare(b.personId));

  const strong = scored.filter((s) => s.reasons.includes('linked-profile') || s.reasons.includes('same-email'));
  if (strong.length === 1) {
    const [only] = strong;
    return { knownId: null, join: { personId: only!.personId, via: only!.reasons.includes('linked-profile') ? 'linked-profile' : 'same-email' }, suggestions: [] };
  }
  return { knownId: null, join: null, suggestions: scored.slice(0, MAX_SUGGESTIONS) };
}

const WEIGHT: Record<MatchReason, number> = { 'linked-profile': 0.6, 'same-email': 0.5, 'name-and-company': 0.35, 'name-and-email-domain': 0.3 };

function score(reasons: MatchReason[]): number {
  return Math.min(1, reasons.reduce((sum, r) => sum + WEIGHT[r], 0));
}
