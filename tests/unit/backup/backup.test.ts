import { describe, expect, it } from 'vitest';
import { exportBackup, importBackup, parseBackup } from '@/lib/backup/backup';
import { activitiesFor, findProspectByKey, notesFor } from '@/lib/db/queries';
import { activityLog, noteAdd, prospectUpsert } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { freshDb, identity, member } from '../../support/db';

async function populated() {
  const db = freshDb();
  const ctx = member();
  const { result: prospectId } = await mutate(db, prospectUpsert, { identity: identity() }, ctx);
  await mutate(db, noteAdd, { prospectId: prospectId!, body: 'line one\nline two' }, ctx);
  await mutate(db, activityLog, { prospectId: prospectId!, kind: 'outreach', data: { channel: 'email' } }, ctx);
  return { db, ctx, prospectId: prospectId! };
}

describe('backup', () => {
  it('exports everything and imports it into an empty database unchanged', async () => {
    const { db, ctx, prospectId } = await populated();
    const text = JSON.stringify(await exportBackup(db));
    const target = freshDb();
    const parsed = parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const counts = await importBackup(target, parsed.backup);
    expect(counts).toMatchObject({ prospects: 1, notes: 1, activities: 1 });
    expect((await findProspectByKey(target, 'linkedin:ada-lovelace'))?.id).toBe(prospectId);
    expect((await notesFor(target, prospectId, ctx.me.memberId)).map((n) => n.body)).toEqual(['line one\nline two']);
    expect((await activitiesFor(target, prospectId)).map((a) => a.kind)).toEqual(['outreach']);
    expect(await exportBackup(target, 0)).toEqual({ ...(await exportBackup(db, 0)) });
  });

  it('reads an export of format 1, which had no aliases or follow-ups', async () => {
    const { db, prospectId } = await populated();
    const current = await exportBackup(db);
    const { aliases: _aliases, followUps: _followUps, ...formerTables } = current.tables;
    const parsed = parseBackup(JSON.stringify({ ...current, formatVersion: 1, tables: formerTables }));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.backup.tables.followUps).toEqual([]);
    const target = freshDb();
    await importBackup(target, parsed.backup);
    expect((await notesFor(target, prospectId, 'nobody')).map((n) => n.body)).toEqual(['line one\nline two']);
  });

  it.each([
    ['not JSON', '{"format": "tandem-backup",', /not JSON/],
    ['another format', JSON.stringify({ format: 'gem-export' }), /not a Tandem export/],
    ['a broken row', 'BROKEN_ROW', /at tables\.notes\.0\.body/],
  ])('rejects %s with a reason', async (_what, text, reason) => {
    const { db } = await populated();
    let input = text;
    if (text === 'BROKEN_ROW') {
      const backup = await exportBackup(db);
      (backup.tables.notes[0] as { body: unknown }).body = 42;
      input = JSON.stringify(backup);
    }
    const parsed = parseBackup(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(reason);
  });

  it('writes nothing when a row fails inside the transaction', async () => {
    const { db } = await populated();
    const backup = await exportBackup(db);
    const target = freshDb();
    target.notes.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(importBackup(target, backup)).rejects.toThrow('disk full');
    expect(await target.prospects.count()).toBe(0);
    expect(await target.notes.count()).toBe(0);
  });
});
