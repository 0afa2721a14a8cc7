import { describe, expect, it } from 'vitest';
import { ProfileRef, Prospect, ProspectIdentity, type SiteId } from '@/lib/model';
import { profileLink } from '@/lib/sites/profile-link';
import { identity } from '../../support/db';

/** Addresses a member could put on a person's profile, none of which is that site's own https page. */
const HOSTILE: [SiteId, string][] = [
  ['linkedin', 'javascript:alert(document.cookie)'],
  ['linkedin', 'JavaScript:alert(1)//https://www.linkedin.com/in/ada/'],
  ['linkedin', ' javascript:alert(1)'],
  ['linkedin', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
  ['linkedin', 'data:text/html,<h1>Sign in to LinkedIn</h1>'],
  ['linkedin', 'file:///etc/passwd'],
  ['linkedin', 'blob:https://www.linkedin.com/0b6a2f0e-1f7a-4d42-9f1e-7b0b9b0e7c1d'],
  ['linkedin', 'vbscript:msgbox(1)'],
  ['linkedin', 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/options.html'],
  ['linkedin', 'http://www.linkedin.com/in/ada/'],
  ['linkedin', 'ftp://www.linkedin.com/in/ada/'],
  ['linkedin', 'https://evil.example/in/ada/'],
  ['linkedin', 'https://linkedin.com.evil.example/in/ada/'],
  ['linkedin', 'https://evil-linkedin.com/in/ada/'],
  ['linkedin', 'https://www.linkedin.com.evil.example/in/ada/'],
  ['linkedin', 'https://www.linkedin.com@evil.example/in/ada/'],
  ['linkedin', 'https://user:pass@www.linkedin.com/in/ada/'],
  ['linkedin', 'https://www.linkedin.com:8443/in/ada/'],
  ['linkedin', 'https://www.linkedin.com./in/ada/'],
  ['linkedin', 'https://www.linkedın.com/in/ada/'],
  ['linkedin', 'https:\\\\evil.example\\in\\ada'],
  ['linkedin', 'https://www.linkedin.com/in/ada/\n'],
  ['linkedin', 'https://www.linked\tin.com/in/ada/'],
  ['linkedin', '//evil.example/in/ada/'],
  ['linkedin', '/in/ada/'],
  ['linkedin', ''],
  ['linkedin', 'https://app.greenhouse.io/people/123'],
  ['greenhouse', 'https://www.linkedin.com/in/ada/'],
  ['greenhouse', 'https://greenhouse.io.evil.example/people/1'],
  ['greenhouse', 'https://greenhouse.io/people/1'],
  ['lever', 'https://evil.lever.co/candidates/1'],
  ['lever', 'https://jobs.lever.co/acme/1'],
  ['ashby', 'https://evil.ashbyhq.com/candidates/1'],
  ['workable', 'https://workable.com.evil.example/backend/candidates/1'],
  ['linkedin-recruiter', 'https://www.linkedin.com.evil.example/talent/profile/1'],
];

/** Each site's own profile pages (DESIGN.md, "Profile keys"). */
const ALLOWED: [SiteId, string][] = [
  ['linkedin', 'https://www.linkedin.com/in/ada-lovelace/'],
  ['linkedin', 'https://se.linkedin.com/in/eduardo-alvarez-nowak'],
  ['linkedin', 'https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa/'],
  ['linkedin-recruiter', 'https://www.linkedin.com/talent/hire/123/discover/recruiterSearch/profile/AEMAAA1'],
  ['greenhouse', 'https://app.greenhouse.io/people/123456'],
  ['greenhouse', 'https://app4.greenhouse.io/people/123456'],
  ['greenhouse', 'https://app.eu.greenhouse.io/people/123456'],
  ['greenhouse', 'https://acme.greenhouse.io/people/123456'],
  ['lever', 'https://hire.lever.co/candidates/0b6a2f0e-1f7a-4d42-9f1e-7b0b9b0e7c1d'],
  ['lever', 'https://hire.sandbox.lever.co/candidates/0b6a2f0e-1f7a-4d42-9f1e-7b0b9b0e7c1d'],
  ['ashby', 'https://app.ashbyhq.com/candidates/0b6a2f0e-1f7a-4d42-9f1e-7b0b9b0e7c1d'],
  ['workable', 'https://acme.workable.com/backend/jobs/123/candidates/456'],
];

const ref = (site: SiteId, url: string) => ({ site, key: `${site}:x`, url });

describe('profile URLs', () => {
  it.each(HOSTILE)('refuses %s → %j', (site, url) => {
    expect(ProfileRef.safeParse(ref(site, url)).success).toBe(false);
    const parsed = ProspectIdentity.safeParse({ ...identity(), ...ref(site, url) });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('url');
    expect(profileLink({ site, url })).toBeUndefined();
  });

  it.each(ALLOWED)('accepts %s → %s', (site, url) => {
    expect(ProfileRef.safeParse(ref(site, url)).success).toBe(true);
    expect(ProspectIdentity.safeParse({ ...identity(), ...ref(site, url) }).success).toBe(true);
    expect(profileLink({ site, url })).toBe(url);
  });

  it('refuses an address longer than 2,048 characters', () => {
    const url = `https://www.linkedin.com/in/${'a'.repeat(2020)}/`;
    expect(url.length).toBeGreaterThan(2048);
    expect(ProfileRef.safeParse(ref('linkedin', url)).success).toBe(false);
    expect(profileLink({ site: 'linkedin', url })).toBeUndefined();
  });

  it('keeps a person stored with a bad link, without the link', () => {
    const stored = {
      id: '01HZX3K5Q8N4V6W2Y7T9R0M1AB',
      teamId: 't',
      version: 3,
      deletedAt: null,
      name: 'Ada Lovelace',
      headline: null,
      company: null,
      location: null,
      profiles: [ref('linkedin', 'data:text/html,<h1>Sign in</h1>'), ref('greenhouse', 'https://app.greenhouse.io/people/1')],
      emails: [],
      doNotContact: { reason: 'Asked us to stop', by: '01HZX3K5Q8N4V6W2Y7T9R0M1AC', at: 1 },
      createdAt: 1,
      updatedAt: 1,
    };
    const parsed = Prospect.parse(stored);
    expect(parsed.profiles).toEqual([ref('linkedin', ''), ref('greenhouse', 'https://app.greenhouse.io/people/1')]);
    expect(parsed.doNotContact?.reason).toBe('Asked us to stop');
  });
});
