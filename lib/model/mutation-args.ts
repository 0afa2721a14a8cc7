import { ulid } from 'ulidx';
import { z } from 'zod';
import { OutreachChannel, ReplyInterest } from './activity';
import { Id, Timestamp, shortText } from './common';
import { ProspectIdentity } from './identity';
import { NoteBody, NoteVisibility } from './note';

/**
 * Arguments of every named mutation: the whole input, ids and times included, so the client's
 * optimistic apply, its replay after a pull and the server's apply all write the same rows.
 * Ids and times default when a caller leaves them out; what is queued is the parsed result.
 */
const NewId = Id.default(() => ulid());
const Now = Timestamp.default(() => Date.now());

export const ProspectUpsertArgs = z.object({ id: NewId, identity: ProspectIdentity, at: Now });

export const SetDoNotContactArgs = z.object({
  prospectId: Id,
  /** A reason marks the person do-not-contact; null clears it. */
  reason: shortText(500).min(1, 'a reason is required').nullable(),
  activityId: NewId,
  at: Now,
});

/** The kinds a member logs by hand; the others come from their own mutations (review, stage, dnc). */
export const LoggableActivity = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('viewed'), data: z.object({}).strict().default({}) }),
  z.object({ kind: z.literal('outreach'), data: z.object({ channel: OutreachChannel }).strict() }),
  z.object({ kind: z.literal('reply'), data: z.object({ interest: ReplyInterest }).strict() }),
]);
export type LoggableActivity = z.infer<typeof LoggableActivity>;

export const ActivityLogArgs = z.intersection(
  z.object({ id: NewId, prospectId: Id, at: Now, requisitionId: Id.nullable().default(null) }),
  LoggableActivity,
);

export const NoteAddArgs = z.object({ id: NewId, prospectId: Id, body: NoteBody, visibility: NoteVisibility.default('team'), at: Now });
export const NoteEditArgs = z.object({ id: Id, body: NoteBody, visibility: NoteVisibility.optional(), at: Now });
export const NoteDeleteArgs = z.object({ id: Id, at: Now });
export const NoteRestoreArgs = z.object({ id: Id });
