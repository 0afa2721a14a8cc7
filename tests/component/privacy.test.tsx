/**
 * Issue 11 in the sidebar: a page whose person is in the team's suppression list (by any profile
 * key or email, on LinkedIn or an ATS) shows "Asked to be forgotten on <date> — do not contact"
 * and nothing else, and records nothing; a recruiter erases a person by typing their name.
 */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ulid } from 'ulidx';
import { afterEach, describe, expect, it } from 'vitest';
import { SidebarApp, type SidebarConnection } from '@/components/sidebar/sidebar-app';
import { DbProvider } from '@/components/ui/db-context';
import { writeSuppressionSecret } from '@/lib/db/local-state';
import { type ProspectIdentity, suppressionHash } from '@/lib/model';
import { recordVisit } from '@/lib/prospects/record-visit';
import type { TandemDB } from '@/lib/db/database';
import { arrived, freshDb, identity, member, signInAs } from '../support/db';

const SECRET = 'team-secret-for-tests';
const AT = Date.UTC(2026, 10, 3);

let db: TandemDB;
afterEach(() => db?.close());

const ready = (id: ProspectIdentity): SidebarConnection => ({ phase: 'ready', state: { status: 'identified', url: id.url, at: 0, identity: id } });

async function team(role: Parameters<typeof member>[0] = 'recruiter', suppressed: string[] = []) {
  db = freshDb();
  const me = member(role);
  await signInAs(db, me);
  await writeSuppressionSecret(db, me.me.teamId, SECRET);
  if (suppressed.length) await arrived(db, 'suppressions', { id: ulid(), teamId: me.me.teamId, version: 3, deletedAt: null, hashes: suppressed.map((i) => suppressionHash(SECRET, i)), at: AT });
  return me;
}

function sidebar(id: ProspectIdentity) {
  return render(
    <DbProvider db={db}>
      <SidebarApp connection={ready(id)} />
    </DbProvider>,
  );
}

const greenhouse: ProspectIdentity = { site: 'greenhouse', key: 'greenhouse:4521', url: 'https://app.greenhouse.io/people/4521', name: 'Ada Lovelace', headline: null, company: null, location: null, emails: ['ADA@engines.example'] };

describe('the suppression list in the sidebar', () => {
  it('on LinkedIn: shows only the notice and records nothing', async () => {
    await team('recruiter', ['key:linkedin:ada-lovelace']);
    sidebar(identity());
    expect(await screen.findByTestId('suppression-notice')).toHaveTextContent('Asked to be forgotten on 3 November 2026 — do not contact');
    await recordVisit(db, identity());
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('prospect-name')).toBeNull();
    expect(screen.queryByRole('button', { name: /log|note|do-not-contact|erase/i })).toBeNull();
    expect([await db.prospects.count(), await db.activities.count(), await db.outbox.count()]).toEqual([0, 0, 0]);
  });

  it('on an ATS page: recognises the person by an email in any case, under another profile key', async () => {
    await team('recruiter', ['key:linkedin:ada-lovelace', 'email:ada@engines.example']);
    sidebar(greenhouse);
    expect(await screen.findByTestId('suppression-notice')).toBeInTheDocument();
    await recordVisit(db, greenhouse);
    expect(await db.outbox.count()).toBe(0);
  });

  it('shows the person as usual when nothing matches, or the entry was lifted', async () => {
    await team('recruiter', ['key:linkedin:someone-else']);
    sidebar(identity());
    expect(await screen.findByTestId('prospect-name')).toHaveTextContent('Ada Lovelace');
    expect(screen.queryByTestId('suppression-notice')).toBeNull();
  });

  it('offers admins to lift the entry, and the person shows again', async () => {
    await team('admin', ['key:linkedin:ada-lovelace']);
    sidebar(identity());
    await userEvent.click(await screen.findByRole('button', { name: /lift the do-not-contact entry/i }));
    expect(await screen.findByTestId('prospect-name')).toHaveTextContent('Ada Lovelace');
  });
});

describe('erasing from the sidebar', () => {
  it('asks for the person’s name, erases them, and the page then shows the notice', async () => {
    await team('recruiter');
    sidebar(identity());
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('erase-person'));
    await waitFor(async () => expect(await db.prospects.count()).toBe(1));
    const submit = screen.getByTestId('erase-submit');
    await user.type(screen.getByLabelText('Type their name to confirm'), 'Ada Byron');
    expect(submit).toBeDisabled();
    await user.clear(screen.getByLabelText('Type their name to confirm'));
    await user.type(screen.getByLabelText('Type their name to confirm'), 'ada lovelace');
    await user.click(submit);
    expect(await screen.findByTestId('suppression-notice')).toBeInTheDocument();
    expect(await db.prospects.count()).toBe(0);
    expect(await db.activities.count()).toBe(0);
    expect((await db.outbox.toArray()).map((e) => e.name)).toContain('prospect.erase');
  });

  it('is not offered to sourcers', async () => {
    await team('sourcer');
    sidebar(identity());
    await screen.findByTestId('prospect-name');
    await waitFor(async () => expect(await db.prospects.count()).toBe(1));
    expect(screen.queryByTestId('erase-person')).toBeNull();
  });
});
