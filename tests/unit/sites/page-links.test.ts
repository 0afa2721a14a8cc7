import fc from 'fast-check';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { Email } from '@/lib/model/member';
import { emailFromMailto, emailsIn, linkedInRefFromHref, linkedInRefsIn, normaliseEmail, standInName } from '@/lib/sites/page-links';

const base = new URL('https://app.greenhouse.io/people/4521');

function page(html: string): Document {
  const window = new Window({ url: base.href, settings: { disableJavaScriptEvaluation: true } });
  return new window.DOMParser().parseFromString(`<body>${html}</body>`, 'text/html') as unknown as Document;
}

describe('links on an ATS page', () => {
  it('reads the LinkedIn profile a link points to, as Tandem keys and stores it', () => {
    expect(linkedInRefFromHref('https://uk.linkedin.com/in/Ada-Lovelace/details/?x=1', base)).toEqual({
      site: 'linkedin',
      key: 'linkedin:ada-lovelace',
      url: 'https://www.linkedin.com/in/ada-lovelace/',
    });
    for (const href of ['https://evil.example/in/ada', 'javascript:alert(1)', 'https://www.linkedin.com/company/acme', 'https://www.linkedin.com/in/ACoAAAwyvpsBVq2tYlJrqAbwr2nDt5rZR3Nq0Eg/', '', null]) {
      expect(linkedInRefFromHref(href, base)).toBeNull();
    }
  });

  it('collects each linked profile once', () => {
    const doc = page('<a href="https://www.linkedin.com/in/ada/">LinkedIn</a><a href="http://linkedin.com/in/ADA">again</a><a href="https://www.linkedin.com/in/grace-h">other</a>');
    expect(linkedInRefsIn(doc, base).map((r) => r.key)).toEqual(['linkedin:ada', 'linkedin:grace-h']);
  });

  it('reads addresses from mailto: links and contact text, lower-cased, once each', () => {
    expect(emailFromMailto('mailto:Ada%40Example.com?subject=Hi')).toBe('ada@example.com');
    expect(emailFromMailto('mailto:not-an-address')).toBeNull();
    expect(emailFromMailto('https://example.com')).toBeNull();
    const doc = page('<a href="MAILTO:ada@example.com">x</a><a href="mailto:ada@example.com">y</a><span class="email">Ada.L@Work.example </span><span class="email">none</span>');
    expect(emailsIn(doc, '.email')).toEqual(['ada@example.com', 'ada.l@work.example']);
  });

  it.each(['ann@exämple.com', 'ann@x.c\u200Bom', 'a\uD800@x.com', 'a@x..com', 'a@-x.com', 'ａｎｎ@x.com', `${'a'.repeat(250)}@x.com`])(
    'keeps out %j, which the schema refuses (it would refuse the whole identity)',
    (raw) => {
      expect(Email.safeParse(raw.toLowerCase()).success).toBe(false);
      expect(normaliseEmail(raw)).toBeNull();
    },
  );

  it('accepts only addresses the schema accepts, as the schema stores them', () => {
    const local = fc.string({ unit: fc.constantFrom(...'abcXYZ019._+-\'ä@ \u200B'.split('')), minLength: 1, maxLength: 12 });
    const domain = fc.string({ unit: fc.constantFrom(...'abcQ09-.ü'.split('')), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.oneof(fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`), fc.string()), (raw) => {
        const email = normaliseEmail(raw);
        if (email !== null) expect(Email.parse(raw)).toBe(email);
      }),
      { numRuns: 2000 },
    );
    expect(normaliseEmail(' Ann.Lee+tag@Sub.Example.co.uk ')).toBe('ann.lee+tag@sub.example.co.uk');
  });

  it('names someone whose name has not rendered by site and a short id', () => {
    expect(standInName('greenhouse', '4521')).toBe('Candidate 4521 on Greenhouse');
    expect(standInName('lever', '1a2b3c4d-0000-4000-8000-123456789abc')).toBe('Candidate …789abc on Lever');
    // Recruiter's ids share their start: two people must not get one stand-in.
    expect(standInName('linkedin-recruiter', 'AEMAAAB1xYzQ2rEcruiTer0nE')).not.toBe(standInName('linkedin-recruiter', 'AEMAAAB1xYzQ2rEcruiTer0nF'));
  });
});
