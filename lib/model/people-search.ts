import { z } from 'zod';
import { Verdict } from './activity';
import { Id, Timestamp, shortText } from './common';
import { SiteId } from './identity';
import { StageName } from './pipeline';

/**
 * What the dashboard's People view searches by: words typed and filters, every part optional.
 * A saved search holds exactly this, so it says nothing about a candidate beyond what was typed.
 */
export const PeopleFilters = z.object({
  /** People in this requisition (any stage, any status). */
  requisitionId: Id.nullable().default(null),
  /** With a requisition: people who reached this stage of it or a later one. */
  reachedStage: StageName.nullable().default(null),
  /** People with a review decision of this verdict. */
  verdict: Verdict.nullable().default(null),
  /** People a reviewer marked this scorecard item met, or missing, for. */
  scorecardItem: shortText(200).nullable().default(null),
  scorecardState: z.enum(['met', 'missing']).default('met'),
  /** Last outreach before, or at or after, a time. */
  lastContactedBefore: Timestamp.nullable().default(null),
  lastContactedAfter: Timestamp.nullable().default(null),
  neverContacted: z.boolean().default(false),
  doNotContact: z.enum(['any', 'only', 'exclude']).default('any'),
  /** People with a profile on this site. */
  site: SiteId.nullable().default(null),
  /**
   * "Silver medalists": people who reached one of the last two stages before hire of a closed
   * requisition and were not hired.
   */
  silverMedalists: z.boolean().default(false),
});
export type PeopleFilters = z.infer<typeof PeopleFilters>;

export const PeopleQuery = z.object({
  text: shortText(200).default(''),
  filters: PeopleFilters.default(PeopleFilters.parse({})),
});
export type PeopleQuery = z.infer<typeof PeopleQuery>;

export const NO_FILTERS: PeopleFilters = PeopleFilters.parse({});
