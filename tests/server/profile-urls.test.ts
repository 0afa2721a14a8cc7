import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { Prospect } from '@/lib/model';
import { DATABASE_KINDS } from './support/databases';
import { as, docsOf, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';

describe.each(DATABASE_KINDS)('profile links on %s', (kind) => {
  const server = serverFor(kind);

  it.each([
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'javascript:alert(document.cookie)',
    'file:///etc/passwd',
    'https://linkedin.com.evil.example/in/ada-lovelace/',
  ])('refuses to re-point a teammate’s person to %s', async (url) => {
    const { members } = await teamWith(server.db, ['recruiter', 'sourcer']);
    const [recruiter, sourcer] = members.map((m) => as(server.app, m));
    const id = ulid();
    await recruiter!.push([{ name: 'prospect.upsert', args: { id, identity: identity(), at: 1 } }]);
    const res = await sourcer!.push([
      { name: 'prospect.upsert', args: { id, identity: { ...identity(), url }, at: 2 } },
      { name: 'prospect.upsert', args: { id: ulid(), identity: { ...identity('someone-new', 'Someone New'), url }, at: 2 } },
    ]);
    expect(res.rejected.map((r) => r.reason)).toEqual([expect.stringContaining('must be an https address on the site’s own hosts'), expect.stringContaining('must be an https address on the site’s own hosts')]);
    const people = docsOf<Prospect>(await recruiter!.pullAll(), 'prospect');
    expect(people.map((p) => p.profiles.map((r) => r.url))).toEqual([['https://www.linkedin.com/in/ada-lovelace/']]);
  });
});
