import { describe, expect, it } from 'vitest';
import { findProspectByKey } from '@/lib/db/queries';
import { recordVisit } from '@/lib/prospects/record-visit';
import { freshDb, identity, member, signInAs } from '../../support/db';

const standIn = (patch = {}) =>
  identity('x', {
    site: 'linkedin-recruiter',
    key: 'linkedin-recruiter:AEMAAAB1xYzQ2rEcruiTer0nE',
    url: 'https://www.linkedin.com/talent/profile/AEMAAAB1xYzQ2rEcruiTer0nE',
    name: 'Candidate AEMAAAB1 on LinkedIn Recruiter',
    nameIsStandIn: true,
    headline: null,
    company: null,
    location: null,
    ...patch,
  });

describe('a visit to a page that shows a stand-in name', () => {
  it('records nobody new under the stand-in name, then the person once the name renders', async () => {
    const db = freshDb();
    await signInAs(db, member());
    await recordVisit(db, standIn());
    expect(await db.prospects.count()).toBe(0);
    await recordVisit(db, standIn({ name: 'Priya Raman', nameIsStandIn: undefined }));
    expect((await findProspectByKey(db, 'linkedin-recruiter:AEMAAAB1xYzQ2rEcruiTer0nE'))?.name).toBe('Priya Raman');
  });

  it('never replaces a known person’s name or details with the stand-in, and still counts the view', async () => {
    const db = freshDb();
    await signInAs(db, member());
    await recordVisit(db, standIn({ name: 'Priya Raman', nameIsStandIn: undefined, headline: 'Staff Data Engineer' }), 1);
    const before = await findProspectByKey(db, 'linkedin-recruiter:AEMAAAB1xYzQ2rEcruiTer0nE');
    const viewsBefore = await db.activities.where('prospectId').equals(before!.id).count();
    await recordVisit(db, standIn(), 2 * 86_400_000);
    const after = await findProspectByKey(db, 'linkedin-recruiter:AEMAAAB1xYzQ2rEcruiTer0nE');
    expect(after).toMatchObject({ name: 'Priya Raman', headline: 'Staff Data Engineer' });
    expect(await db.activities.where('prospectId').equals(before!.id).count()).toBe(viewsBefore + 1);
  });
});
