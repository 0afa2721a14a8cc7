import { LOCAL_KEYS } from './local-state';
import type { ProspectRow, TandemDB } from './database';

/** What this device is told to delete about people: every row id, and the people's records as they were. */
export interface Forgotten {
  ids: ReadonlySet<string>;
  people: readonly Pick<ProspectRow, 'id' | 'name' | 'profileKeys'>[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The device-local values that name people (never synced, so no pull rewrites them): refusals
 * shown to the member, the batch gathered for review, the "not the same person" answers by profile key, and the reminder
 * runner's memory (by follow-up, request and person id, and notifications not yet shown, whose
 * text may carry a name). When rows are deleted by the server (an erasure, a note made private), what
 * they named goes from these too, in the pull's transaction.
 */
export async function forgetLocally(db: TandemDB, { ids, people }: Forgotten): Promise<void> {
  if (ids.size === 0) return;
  const keys = new Set(people.flatMap((p) => p.profileKeys));
  const names = people.map((p) => p.name).filter((n) => n.length > 0);
  const edit = async (key: string, change: (value: Json) => Json) => {
    const row = await db.local.get(key);
    if (isObject(row?.value)) await db.local.put({ key, value: change(row.value) });
  };
  const without = (list: unknown) => (Array.isArray(list) ? list.filter((id) => !ids.has(id as string)) : list);
  const keep = (record: unknown, drop: (key: string) => boolean) => (isObject(record) ? Object.fromEntries(Object.entries(record).filter(([k]) => !drop(k))) : record);

  // Refusals shown to the member can name the person ("… already belongs to Ada Lovelace").
  if (names.length) await db.rejections.filter((r) => names.some((name) => r.reason.includes(name))).delete();
  await edit(LOCAL_KEYS.batchTray, (tray) => ({ ...tray, prospectIds: without(tray.prospectIds) }));
  await edit(LOCAL_KEYS.notSamePerson, (answers) => Object.fromEntries(Object.entries(answers).filter(([key]) => !keys.has(key)).map(([key, list]) => [key, without(list)])));
  await edit(LOCAL_KEYS.reminders, (memory) => ({
    ...memory,
    requests: keep(memory.requests, (id) => ids.has(id)),
    followUps: keep(memory.followUps, (id) => ids.has(id)),
    notices: keep(memory.notices, (id) => ids.has(id)),
    pending: Array.isArray(memory.pending)
      ? memory.pending.filter((n) => !(isObject(n) && [...ids].some((id) => String(n.id).includes(id))) && !(isObject(n) && names.some((name) => `${String(n.title)} ${String(n.message)}`.includes(name))))
      : memory.pending,
  }));
}
