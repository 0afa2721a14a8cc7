import { ulid } from 'ulidx';
import { z } from 'zod';
import { Activity, OutreachChannel, PrivacyNoticeSent, ReplyInterest } from './activity';
import { Id, MESSAGE_MAX_BYTES, REASON_MAX_BYTES, Timestamp, shortText, withEachOption } from './common';
import { FollowUp } from './follow-up';
import { ProspectIdentity } from './identity';
import type { SyncedTable } from './entities';
import { Member, MemberName } from './member';
import { Note, NoteBody, NoteVisibility } from './note';
import { OfferDeclineReason, PipelineStatus, StageName } from './pipeline';
import { PeopleQuery } from './people-search';
import { Prospect } from './prospect';
import { SavedSearchName } from './saved-search';
import { PrivacyChoices } from './privacy-settings';

/**
 * Arguments of every named mutation: the whole input, ids and times included, so the client's
 * optimistic apply, its replay after a pull and the server's apply all write the same rows.
 * Ids and times default when a caller leaves them out; what is queued is the parsed result.
 */
const NewId = Id.default(() => ulid());
const Now = Timestamp.default(() => Date.now());

export const ProspectUpsertArgs = z.object({ id: NewId, identity: ProspectIdentity, at: Now });

/** The page's profile (and the emails it shows) joins a person the team has; the page's name never replaces theirs. */
export const ProspectAttachProfileArgs = z.object({ prospectId: Id, identity: ProspectIdentity, at: Now });

/** Two records of one person become one: `fromId` becomes an alias of `intoId`, who stays. */
export const ProspectMergeArgs = z
  .object({ intoId: Id, fromId: Id, activityId: NewId, at: Now })
  .refine((a) => a.intoId !== a.fromId, { message: 'a person cannot be merged with themselves', path: ['fromId'] });

export const SetDoNotContactArgs = z.object({
  prospectId: Id,
  /** A reason marks the person do-not-contact; null clears it. */
  reason: shortText(REASON_MAX_BYTES).min(1, 'a reason is required').nullable(),
  activityId: NewId,
  at: Now,
});

/**
 * Erases a person everywhere. `confirmName` is the name the member typed or chose: a person is
 * erased only under their own name, so a slip of the id erases nobody.
 */
export const ProspectEraseArgs = z.object({
  prospectId: Id,
  confirmName: z.string().max(1000),
  at: Now,
});

/** An admin lifts a suppression entry: the person may be recorded again. */
export const SuppressionLiftArgs = z.object({ id: Id, at: Now });

/** The kinds a member logs by hand; the others come from their own mutations (review, stage, dnc). */
export const LoggableActivity = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('viewed'), data: z.object({}).strict().default({}) }),
  z.object({ kind: z.literal('outreach'), data: z.object({ channel: OutreachChannel }).strict() }),
  z.object({ kind: z.literal('reply'), data: z.object({ interest: ReplyInterest }).strict() }),
  z.object({ kind: z.literal('privacy_notice_sent'), data: PrivacyNoticeSent }),
]);
export type LoggableActivity = z.infer<typeof LoggableActivity>;
export const LOGGABLE_KINDS: readonly string[] = LoggableActivity.options.map((o) => o.shape.kind.value);

export const ActivityLogArgs = withEachOption('kind', { id: NewId, prospectId: Id, at: Now, requisitionId: Id.nullable().default(null) }, LoggableActivity.options);

export const ActivityUndoArgs = z.object({ id: Id, at: Now });

export const NoteAddArgs = z.object({ id: NewId, prospectId: Id, body: NoteBody, visibility: NoteVisibility.default('team'), at: Now });
export const NoteEditArgs = z.object({ id: Id, body: NoteBody, visibility: NoteVisibility.optional(), at: Now });
export const NoteDeleteArgs = z.object({ id: Id, at: Now });
export const NoteRestoreArgs = z.object({ id: Id });

// The review loop.

const ScorecardItems = z.array(shortText(200).min(1)).max(30);

export const RequisitionSaveArgs = z.object({
  id: NewId,
  title: shortText(200).min(1, 'a title is required'),
  hiringManagerId: Id,
  recruiterIds: z.array(Id).max(20).default([]),
  mustHaves: ScorecardItems.default([]),
  niceToHaves: ScorecardItems.default([]),
  feedbackSlaHours: z.number().int().min(1, 'the feedback deadline is at least 1 hour').max(24 * 30).default(48),
  targetHires: z.number().int().min(1).max(1000).default(1),
  targetDate: Timestamp.nullable().default(null),
  stages: z.array(shortText(100).min(1)).min(1, 'a requisition needs at least one stage').max(30),
  status: z.enum(['open', 'on_hold', 'closed']).default('open'),
  at: Now,
});

export const ReviewRequestArgs = z
  .object({
    id: NewId,
    requisitionId: Id,
    reviewerId: Id,
    prospectIds: z.array(Id).min(1, 'add at least one person').max(100),
    /** One `review_requested` activity per person, in the same order. */
    activityIds: z.array(Id).max(100),
    message: shortText(MESSAGE_MAX_BYTES).default(''),
    at: Now,
  })
  .refine((a) => a.activityIds.length === a.prospectIds.length, 'one activity id per person')
  .refine((a) => new Set(a.activityIds).size === a.activityIds.length, 'an activity id repeats in the batch')
  .refine((a) => new Set(a.prospectIds).size === a.prospectIds.length, 'a person appears twice in the batch');

export const ReviewDecideArgs = z.object({
  id: NewId,
  requestId: Id,
  prospectId: Id,
  verdict: z.enum(['approve', 'reject']),
  met: ScorecardItems.default([]),
  missing: ScorecardItems.default([]),
  note: shortText(MESSAGE_MAX_BYTES).default(''),
  activityId: NewId,
  at: Now,
});

export const ReviewUndoArgs = z.object({ decisionId: Id, at: Now });
export const ReviewNudgeArgs = z.object({ requestId: Id, at: Now });
export const ReviewReassignArgs = z.object({ requestId: Id, newRequestId: NewId, reviewerId: Id, message: shortText(MESSAGE_MAX_BYTES).default(''), at: Now });
export const ReviewCancelArgs = z.object({ requestId: Id, at: Now });

export const FollowUpSetArgs = z.object({ id: NewId, prospectId: Id, dueAt: Timestamp, note: shortText(REASON_MAX_BYTES).default(''), at: Now });
export const FollowUpDoneArgs = z.object({ id: Id, at: Now });
export const FollowUpSnoozeArgs = z.object({ id: Id, until: Timestamp });

/** Saves a People search under a name: a new one, or the member's own one again (renamed, changed). */
export const SavedSearchSaveArgs = z.object({ id: NewId, name: SavedSearchName, query: PeopleQuery, at: Now });
export const SavedSearchDeleteArgs = z.object({ id: Id, at: Now });

export const TeamPrivacySetArgs = PrivacyChoices.extend({ at: Now });

/** Text a member may leave empty: empty means none. */
const optionalReason = shortText(REASON_MAX_BYTES)
  .nullable()
  .default(null)
  .transform((s) => s || null);

/**
 * Adds a person to a requisition at a stage, moves them to any stage (forward, back, skipping),
 * closes (hired, rejected by us, withdrew) or reopens. `stage` left out keeps the stage the
 * entry is at (closing: the stage it ended at is the server's, not what this device last saw).
 */
export const PipelineMoveArgs = z
  .object({
    prospectId: Id,
    requisitionId: Id,
    stage: StageName.optional(),
    status: PipelineStatus.default('active'),
    reason: optionalReason,
    declinedOffer: OfferDeclineReason.nullable().default(null),
    activityId: NewId,
    at: Now,
  })
  .refine((a) => a.status !== 'rejected' || a.reason !== null, { message: 'say why we are rejecting them', path: ['reason'] })
  .refine((a) => a.status !== 'withdrew' || a.reason !== null || a.declinedOffer !== null, { message: 'say why they withdrew', path: ['reason'] })
  .refine((a) => a.declinedOffer === null || a.status === 'withdrew', { message: 'a declined offer is a reason to withdraw', path: ['declinedOffer'] })
  .refine((a) => a.declinedOffer !== 'other' || a.reason !== null, { message: 'say what made them decline the offer', path: ['reason'] });

/**
 * The tables a member restores from a backup file: what they could have written themselves
 * (people, their own notes, logged activities and follow-ups). Members, aliases, requisitions
 * and reviews are the team server's, and come back by syncing.
 */
export const RESTORABLE_TABLES = ['prospects', 'activities', 'notes', 'followUps'] as const satisfies readonly SyncedTable[];
export type RestorableTable = (typeof RESTORABLE_TABLES)[number];

/** One record of a backup file, as the file holds it, to re-create where it is missing. */
export const BackupRestoreArgs = z.discriminatedUnion('table', [
  z.object({ table: z.literal('prospects'), row: Prospect }),
  z.object({ table: z.literal('activities'), row: Activity }),
  z.object({ table: z.literal('notes'), row: Note }),
  z.object({ table: z.literal('followUps'), row: FollowUp }),
]);
export type BackupRestoreArgs = z.infer<typeof BackupRestoreArgs>;

/** What `member.update` can change. */
export const MEMBER_FIELDS = ['name', 'timeZone', 'workingDays', 'quietHours', 'checkInMail'] as const;

/**
 * A member's own name, time zone, reminder rules and check-in mail (an admin may rename anyone).
 * Nothing else: a role is the admin CLI's to change, so any other field is refused rather than ignored.
 */
export const MemberUpdateArgs = z
  .strictObject(
    {
      memberId: Id,
      name: MemberName.optional(),
      // The member's own settings, as their record holds them.
      ...Member.pick({ timeZone: true, workingDays: true, quietHours: true, checkInMail: true }).shape,
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `only a name, time zone, working days, quiet hours and check-in mail can be changed here, not ${issue.keys.join(', ')} (an admin changes roles)`
          : undefined,
    },
  )
  .refine((a) => MEMBER_FIELDS.some((field) => a[field] !== undefined), 'give a name, time zone, working days, quiet hours or check-in mail to change');
