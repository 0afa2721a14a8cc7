import { z } from 'zod';
import { SyncedFields, shortText } from './common';

export const Role = z.enum(['admin', 'recruiter', 'sourcer', 'hiring_manager']);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  recruiter: 'Recruiter',
  sourcer: 'Sourcer',
  hiring_manager: 'Hiring manager',
};

export const Email = z.string().trim().toLowerCase().pipe(z.email('must be an email address')).pipe(z.string().max(254));

export const Member = z.object({
  ...SyncedFields,
  name: shortText(120).min(1, 'name is required'),
  email: Email,
  role: Role,
});
export type Member = z.infer<typeof Member>;
