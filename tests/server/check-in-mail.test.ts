import { describe, expect, it } from 'vitest';
import { buildCheckIn } from '@/lib/reports/check-in';
import { checkInMail } from '@/server/mail/check-in-mail';
import { input } from '../unit/reports/check-in-fixture';

describe('the check-in mail', () => {
  it('renders the check-in as HTML, its tables as tables, beside the Markdown as text', () => {
    const mail = checkInMail(buildCheckIn(input), 'Riley');
    expect(mail.html).not.toContain('<pre');
    expect(mail.html).toMatch(/<h1>Weekly check-in: Backend engineer<\/h1>/);
    expect(mail.html).toMatch(/<th style="[^"]*">Stage<\/th>/);
    expect(mail.html).toMatch(/<td style="[^"]*">Sourced<\/td>/);
    expect(mail.text).toContain('| Stage | In stage |');
  });

  it('keeps HTML and links in a name as text', () => {
    const people = new Map([...input.people].map(([id], i) => [id, i === 0 ? '<img src=x onerror=alert(1)> [site](https://evil.example)' : `Person ${i}`]));
    const mail = checkInMail(buildCheckIn({ ...input, people }), '<b>Riley</b>');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).not.toMatch(/<img|<a |<b>/);
  });
});
