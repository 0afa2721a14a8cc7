import { activityLog } from './activity';
import type { Mutation } from './define';
import { noteAdd, noteDelete, noteEdit, noteRestore } from './note';
import { prospectSetDoNotContact, prospectUpsert } from './prospect';

export { activityLog, noteAdd, noteDelete, noteEdit, noteRestore, prospectSetDoNotContact, prospectUpsert };
export { MutationRefused, NO_CHANGE, type Actor, type MutationContext } from './define';
export { mutate, onLocalWrite } from './run';
export { saveProfile } from './profile';

/** Every named mutation, by name: what the outbox replays and the server accepts. */
export const MUTATIONS: ReadonlyMap<string, Mutation> = new Map(
  [prospectUpsert, prospectSetDoNotContact, activityLog, noteAdd, noteEdit, noteDelete, noteRestore].map((m) => [m.name, m as Mutation]),
);
