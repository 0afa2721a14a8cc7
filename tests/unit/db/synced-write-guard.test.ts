import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { exportBackup } from '@/lib/backup/backup';
import { applyRestore } from '@/lib/backup/restore';
import { planRestore } from '@/lib/backup/restore-plan';
import { CURRENT_VERSION, SCHEMA_VERSIONS } from '@/lib/db/schema';
import { mutate } from '@/lib/db/mutate';
import { SyncedWriteRefused } from '@/lib/db/synced-write-guard';
import { SYNCED_TABLES } from '@/lib/model';
import { followUpSet, noteAdd, prospectUpsert } from '@/lib/mutations';
import { arrived, freshDb, identity, member } from '../../support/db';

describe('the synced-write guard', () => {
  it('refuses a write to a synced table outside a mutation or a pull, and keeps the row as it was', async () => {
    const db = freshDb();
    const ctx = member();
    const { result: prospectId } = await mutate(db, prospectUpsert, { identity: identity() }, ctx);
    const { result: noteId } = await mutate(db, noteAdd, { prospectId: prospectId!, body: 'from a mutation' }, ctx);
    const note = (await db.notes.get(noteId!))!;
    await expect(db.notes.put({ ...note, body: 'behind the outbox’s back' })).rejects.toBeInstanceOf(SyncedWriteRefused);
    await expect(db.notes.delete(noteId!)).rejects.toBeInstanceOf(SyncedWriteRefused);
    await expect(db.prospects.clear()).rejects.toBeInstanceOf(SyncedWriteRefused);
    await expect(db.transaction('rw', db.notes, () => db.notes.update(noteId!, { body: 'in a transaction' }))).rejects.toBeInstanceOf(SyncedWriteRefused);
    expect((await db.notes.get(noteId!))?.body).toBe('from a mutation');
    expect(await db.outbox.count()).toBe(2);
  });

  it('leaves device-local tables alone', async () => {
    const db = freshDb();
    await db.local.put({ key: 'anything', value: 1 });
    expect((await db.local.get('anything'))?.value).toBe(1);
  });

  it('guards every synced table of the registry', async () => {
    const db = freshDb();
    for (const table of SYNCED_TABLES) await expect(db.table(table).put({ id: 'x' })).rejects.toBeInstanceOf(SyncedWriteRefused);
  });
});

describe('the entity registry on the device', () => {
  it('has a table for every entity in the current schema version', () => {
    const declared = new Set(SCHEMA_VERSIONS.flatMap((v) => Object.entries(v.stores).filter(([, spec]) => spec !== null).map(([name]) => name)));
    for (const table of SYNCED_TABLES) expect(declared, table).toContain(table);
    expect(CURRENT_VERSION).toBe(SCHEMA_VERSIONS.at(-1)!.version);
  });

  it('exports every synced table, follow-ups and aliases included, and restores through mutations only', async () => {
    const db = freshDb();
    const ctx = member();
    const { result: first } = await mutate(db, prospectUpsert, { identity: identity() }, ctx);
    // The same person met under a second id (another device's, arriving later) is an alias.
    await arrived(db, 'aliases', { id: ulid(), teamId: 'local', version: 3, deletedAt: null, prospectId: first! });
    await mutate(db, followUpSet, { prospectId: first!, dueAt: Date.now() + 86_400_000, note: 'call back' }, ctx);
    const backup = await exportBackup(db, 0);
    expect(Object.keys(backup.tables).sort()).toEqual([...SYNCED_TABLES].sort());
    expect(backup.tables.followUps.map((f) => f.note)).toEqual(['call back']);
    expect(backup.tables.aliases.map((a) => a.prospectId)).toEqual([first]);
    const target = freshDb();
    await applyRestore(target, await planRestore(target, backup), { settings: false });
    expect((await target.followUps.toArray()).map((f) => f.note)).toEqual(['call back']);
    // Every restored row has its outbox row: none was written behind the sync's back.
    expect(await target.outbox.count()).toBe((await target.prospects.count()) + (await target.followUps.count()));
  });
});
