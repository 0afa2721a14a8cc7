import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import { LOCAL_TEAM_ID } from '@/lib/model';
import { LOCAL_KEYS } from './local-state';

const teamOf = (row: unknown) => {
  const teamId = (row as { teamId?: unknown } | null)?.teamId;
  return typeof teamId === 'string' ? teamId : null;
};

/**
 * Stamps every new outbox row with the team it was written for, so a change made for team A is
 * never sent to team B after the member switches teams. `mutate` writes the mutation's rows
 * (stamped with its actor's team by DexieStore) and then its outbox row, in one transaction:
 * the row takes the team of the synced rows that transaction wrote. Without such rows it takes
 * the team of the device's member (`me`), read in the same transaction. A row that already
 * names its team is left as it is.
 */
export const outboxTeam: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'outbox-team',
  create(down) {
    /** Per transaction, the team of the synced rows it wrote last. */
    const written = new WeakMap<object, string>();
    const teamOfMe = async (trans: object) => {
      const me = (await down.table('local').get({ trans: trans as DBCoreMutateRequest['trans'], key: LOCAL_KEYS.me })) as { value?: unknown } | undefined;
      return teamOf(me?.value) ?? LOCAL_TEAM_ID;
    };
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        return {
          ...table,
          async mutate(req: DBCoreMutateRequest) {
            if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
            if (name !== 'outbox') {
              const team = req.values.map(teamOf).findLast((t) => t !== null);
              if (team) written.set(req.trans, team);
              return table.mutate(req);
            }
            if (req.values.every((row) => teamOf(row) !== null)) return table.mutate(req);
            const teamId = written.get(req.trans) ?? (await teamOfMe(req.trans));
            return table.mutate({ ...req, values: req.values.map((row: object) => (teamOf(row) !== null ? row : { ...row, teamId })) });
          },
        };
      },
    };
  },
};
