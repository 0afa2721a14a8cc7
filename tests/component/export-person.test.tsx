import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SidebarApp } from '@/components/sidebar/sidebar-app';
import { DbProvider } from '@/components/ui/db-context';
import type { TandemDB } from '@/lib/db/database';
import { mutate } from '@/lib/db/mutate';
import { LOCAL_KEYS, writeSettings } from '@/lib/db/local-state';
import type { ProspectIdentity } from '@/lib/model';
import { activityLog, noteAdd } from '@/lib/mutations';
import type { PersonExport } from '@/lib/privacy/person-export';
import { freshDb } from '../support/db';
import { seedRtlTeam } from '../support/rtl';

let db: TandemDB;
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  db?.close();
});

function renderSidebar(identity: ProspectIdentity) {
  render(
    <DbProvider db={db}>
      <SidebarApp connection={{ phase: 'ready', state: { status: 'identified', url: identity.url, at: 0, identity } }} />
    </DbProvider>,
  );
  return userEvent.setup();
}

describe('Export what we hold about <name>', () => {
  it('downloads one zip: JSON with every table’s rows about the person (and nobody else’s), and the same as readable text', async () => {
    db = freshDb();
    const team = await seedRtlTeam(db);
    await mutate(db, noteAdd, { prospectId: team.prospectId, body: 'my own private note', visibility: 'private' }, team.recruiter);
    await mutate(db, activityLog, { prospectId: team.prospectId, kind: 'privacy_notice_sent', data: { channel: 'email', sentAt: 1_750_000_000_000 } }, team.recruiter);
    await mutate(db, noteAdd, { prospectId: team.otherId, body: 'about someone else' }, team.recruiter);
    // Opening the page records no view meanwhile: the rows compared below stay as they are.
    await writeSettings(db, { autoLogViewed: false });
    const files: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (files.push(blob as Blob), 'blob:tandem'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const user = renderSidebar(team.person);

    await user.click(await screen.findByRole('button', { name: 'Export what we hold about ليلى أحمد' }));
    await waitFor(() => expect(files).toHaveLength(1));
    const zip = unzipSync(new Uint8Array(await files[0]!.arrayBuffer()));
    expect(Object.keys(zip).sort()).toEqual(['ليلى-أحمد-tandem-export.json', 'ليلى-أحمد-tandem-export.txt']);
    const exported = JSON.parse(strFromU8(zip['ليلى-أحمد-tandem-export.json']!)) as PersonExport;

    // Every row on the device that names her, table by table, read straight from Dexie.
    const naming = async (table: 'activities' | 'notes' | 'reviewDecisions' | 'pipeline' | 'followUps') =>
      (await db.table(table).toArray()).filter((r: { prospectId: string }) => r.prospectId === team.prospectId).map((r: { id: string }) => r.id).sort();
    const ids = (table: keyof PersonExport['tables']) => ((exported.tables[table] ?? []) as { id: string }[]).map((r) => r.id).sort();
    expect(ids('prospects')).toEqual([team.prospectId]);
    for (const table of ['activities', 'notes', 'reviewDecisions', 'pipeline', 'followUps'] as const) {
      expect(ids(table), table).toEqual(await naming(table));
      expect(ids(table).length, table).toBeGreaterThan(0);
    }
    expect(ids('reviewRequests')).toHaveLength(2);
    expect(JSON.stringify(exported)).not.toContain('about someone else');
    expect(exported).toMatchObject({ format: 'tandem-person-export', source: 'device', person: { name: 'ليلى أحمد' } });
    expect(exported.names[team.hm.me.memberId]).toBe('חנה לוי');

    const text = strFromU8(zip['ليلى-أحمد-tandem-export.txt']!);
    expect(text).toContain('What Your team holds about ليلى أحمد');
    expect(text).toContain('my own private note');
    expect(text).toContain('kind: privacy_notice_sent');
    expect(text).toContain(`actorId: ريم الحسن (${team.recruiter.me.memberId})`);
    expect(text).toMatch(/== reviewDecisions \(1\) ==/);
  });

  it.each(['hiring_manager', 'sourcer'] as const)('is not offered to a %s', async (role) => {
    db = freshDb();
    const team = await seedRtlTeam(db);
    await db.local.put({ key: LOCAL_KEYS.me, value: { ...team.hm.me, role } });
    renderSidebar(team.person);
    await screen.findByTestId('activity-feed');
    expect(screen.queryByTestId('export-person')).toBeNull();
  });
});
