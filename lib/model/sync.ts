import { z } from 'zod';
import { shortText } from './common';
import { EntityKind } from './entities';
import { Member, Role, Email } from './member';

export const ClientId = z.string().regex(/^[0-9A-Za-z_-]{8,64}$/, 'must be 8–64 letters, digits, _ or -');

export const MAX_PUSH_MUTATIONS = 1000;

/** The largest request body the server reads (413 above it). */
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * The size a device fills a push body up to: half the server's limit, leaving room for a proxy
 * in front with a smaller one (a 413 halves the batch anyway).
 */
export const PUSH_BATCH_BYTES = MAX_BODY_BYTES / 2;

export const PushMutation = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1).max(64),
  args: z.unknown(),
});

export const PushRequest = z.object({
  clientId: ClientId,
  // The server skips ids at or below the client's last one as retries, so an id out of order
  // would be skipped without a word.
  mutations: z
    .array(PushMutation)
    .max(MAX_PUSH_MUTATIONS)
    .superRefine((mutations, ctx) => {
      const i = mutations.findIndex((m, j) => j > 0 && m.id <= mutations[j - 1]!.id);
      if (i > 0) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `mutation ids must strictly increase within a push (${mutations[i]!.id} follows ${mutations[i - 1]!.id})` });
    }),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const Rejection = z.object({
  mutationId: z.number().int().positive(),
  name: z.string(),
  reason: z.string(),
});
export type Rejection = z.infer<typeof Rejection>;

export const PushResponse = z.object({
  /** Every mutation at or below this was handled (applied or rejected); retries of them are skipped. */
  lastMutationId: z.number().int().nonnegative(),
  /** Rejections among the mutations of this request. */
  rejected: z.array(Rejection),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const MAX_PULL_LIMIT = 5000;
/**
 * About the most document bytes one pull page carries; a page holds whole versions only, so a
 * single version bigger than this goes alone (one mutation's writes, bounded by the schemas).
 */
export const PULL_PAGE_BYTES = 2 * 1024 * 1024;

/**
 * Which rows a pull sends (docs/sync.md, "First sign-in to a large team"): `all`; `recent`, all but
 * the older history (rows of a deferrable kind dated before `olderThan`, at or below `upTo`);
 * `history`, only those.
 */
export const PullPhase = z.enum(['all', 'recent', 'history']);
export type PullPhase = z.infer<typeof PullPhase>;

export const PullQuery = z
  .object({
    clientId: ClientId,
    cursor: z.coerce.number().int().nonnegative().default(0),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(1000),
    /** Rejections of this client's mutations above this id are returned. */
    since: z.coerce.number().int().nonnegative().default(0),
    phase: PullPhase.default('all'),
    /** The team's version the first sign-in began at; a recent pull without it takes the team's version now (`head`). */
    upTo: z.coerce.number().int().nonnegative().optional(),
    /** Rows dated before this (ms since 1970) are older history. */
    olderThan: z.coerce.number().int().nonnegative().optional(),
  })
  .superRefine((q, ctx) => {
    if (q.phase === 'all' && (q.upTo !== undefined || q.olderThan !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['phase'], message: 'upTo and olderThan go with phase=recent or phase=history' });
    }
    if (q.phase !== 'all' && q.olderThan === undefined) ctx.addIssue({ code: 'custom', path: ['olderThan'], message: `phase=${q.phase} needs olderThan` });
    if (q.phase === 'history' && q.upTo === undefined) ctx.addIssue({ code: 'custom', path: ['upTo'], message: 'phase=history needs upTo' });
    if (q.phase === 'history' && q.upTo !== undefined && q.cursor > q.upTo) {
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'a history cursor cannot be past upTo' });
    }
  });
export type PullQuery = z.infer<typeof PullQuery>;
/** A pull as a device asks for it: the phase may be left out (`all`). */
export type PullRequest = Omit<PullQuery, 'phase'> & Partial<Pick<PullQuery, 'phase'>>;

/** A changed row; `doc` null means the caller may no longer see it (a note made private). */
export const PullRow = z.object({
  kind: EntityKind,
  id: z.string(),
  version: z.number().int().positive(),
  doc: z.unknown().nullable(),
});
export type PullRow = z.infer<typeof PullRow>;

export const PullResponse = z.object({
  rows: z.array(PullRow),
  /** The version to ask from next time. */
  cursor: z.number().int().nonnegative(),
  more: z.boolean(),
  lastMutationId: z.number().int().nonnegative(),
  rejections: z.array(Rejection),
  /**
   * The server's sync epoch. It changes when the database is restored from a backup (or moved
   * to another cluster): a cursor taken in another epoch means nothing, so the client forgets
   * its copy of the team's rows and pulls from zero, keeping its pending changes.
   */
  epoch: z.string().min(1).max(100),
  /**
   * The cursor is ahead of the team's version (the database was restored from a backup): as for
   * a new epoch, forget the team's rows and pull from zero. Nothing else in this page counts.
   */
  reset: z.boolean(),
  /**
   * The team's secret for the suppression list's keyed hashes, so a device can tell a person who
   * asked to be forgotten without the server (a server from before the list sends none).
   */
  suppressionSecret: z.string().min(1).max(200).optional(),
  /**
   * The server mails this member their overdue-review reminders (mail is set up and they did not
   * turn review mail off): the device's own overdue reminders for them stay quiet, so one deadline
   * is never reminded of twice. Absent (an older server) or false: the device reminds.
   */
  remindersByMail: z.boolean().optional(),
  /** The team's version when this page was read (a recent pull without `upTo` defers below it). Absent: an older server. */
  head: z.number().int().nonnegative().optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const RedeemRequest = z.object({
  code: z.string().trim().min(1, 'an invite code is required').max(200),
  deviceName: shortText(120).min(1, 'a device name is required').default('Browser'),
});

export const Team = z.object({ id: z.string(), name: z.string() });

export const RedeemResponse = z.object({
  token: z.string(),
  member: Member,
  team: Team,
});
export type RedeemResponse = z.infer<typeof RedeemResponse>;

export const MeResponse = z.object({ member: Member, team: Team });

export const InviteRequest = z.object({ email: Email, role: Role });

/** Every error the server sends: a status and a sentence a person can act on. */
export const ErrorResponse = z.object({ error: z.string() });
