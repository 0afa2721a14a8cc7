import { z } from 'zod';
import { Id, SyncedFields, Timestamp, shortText } from './common';

export const DEFAULT_STAGES = [
  'Sourced',
  'Contacted',
  'Replied',
  'Recruiter screen',
  'Hiring manager screen',
  'Onsite',
  'Offer',
  'Hired',
];

export const ScorecardItem = shortText(200).min(1);

/** The intake: what the hiring manager and recruiter agreed the role needs. */
export const Requisition = z.object({
  ...SyncedFields,
  title: shortText(200).min(1, 'a title is required'),
  hiringManagerId: Id,
  recruiterIds: z.array(Id).max(20),
  mustHaves: z.array(ScorecardItem).max(30),
  niceToHaves: z.array(ScorecardItem).max(30),
  feedbackSlaHours: z.number().int().min(1).max(24 * 30),
  targetHires: z.number().int().min(1).max(1000),
  targetDate: Timestamp.nullable(),
  stages: z.array(shortText(100).min(1)).min(1).max(30),
  status: z.enum(['open', 'on_hold', 'closed']),
  createdAt: Timestamp,
});
export type Requisition = z.infer<typeof Requisition>;
