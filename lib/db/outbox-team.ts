import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import { LOCAL_TEAM_ID } from '@/lib/model';
import { LOCAL_KEYS } from './local-state';

const hasTeam = (row: unknown) => typeof (row as { teamId?: unknown }).teamId === 'string';

/**
 * Stamps every new outbox row with the team it was written for: the team of the device's
 * member (`me`, the actor of every `mutate`), read in the same transaction as the write, so a
 * change made for team A is never sent to team B after the member switches teams. A row that
 * already names its team is left as it is.
 */
export const outboxTeam: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'outbox-team',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'outbox') return table;
        return {
          ...table,
          async mutate(req: DBCoreMutateRequest) {
            if ((req.type !== 'add' && req.type !== 'put') || req.values.every(hasTeam)) return table.mutate(req);
            const me = (await down.table('local').get({ trans: req.trans, key: LOCAL_KEYS.me })) as { value?: { teamId?: unknown } } | undefined;
            const teamId = typeof me?.value?.teamId === 'string' ? me.value.teamId : LOCAL_TEAM_ID;
            return table.mutate({ ...req, values: req.values.map((row: object) => (hasTeam(row) ? row : { ...row, teamId })) });
          },
        };
      },
    };
  },
};
