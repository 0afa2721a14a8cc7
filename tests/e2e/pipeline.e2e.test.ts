/**
 * Issue 9, point 5: the pipeline from the sidebar, in real Chromium against a real server. A
 * sourcer adds a person on a LinkedIn profile to a requisition and moves them; the recruiter's
 * sidebar on the same profile shows the stage, the feed and the guard; the recruiter rejects
 * them with a reason and the sourcer's open sidebar shows it.
 */
import { describe, expect, it } from 'vitest';
import type { Activity, PipelineEntry } from '@/lib/model';
import { axeViolations } from './support/axe';
import { openProfile, openRequisition, signInToTeam } from './support/flows';
import { twoBrowsersOn } from './support/two-browsers';

const PROFILE = 'https://www.linkedin.com/in/eduardo-alvarez-nowak/';
const NAME = 'Eduardo Alvarez Nowak';
const ROLE = 'Staff Platform Engineer';

const setting = twoBrowsersOn({ [PROFILE]: 'member-2024-07-full.html' });


describe('the pipeline between two browsers', () => {
  it("shows a stage a sourcer moved in the recruiter's sidebar, and the recruiter's rejection in the sourcer's", async () => {
    const { server, browsers: [sourcer, recruiter] } = setting;
    await openRequisition(setting.server, ROLE);
    await Promise.all([signInToTeam(sourcer, server, 'sam.sourcer@acme.example', 'sourcer'), signInToTeam(recruiter, server, 'riley.recruiter@acme.example', 'recruiter')]);

    const mine = await openProfile(sourcer, PROFILE, NAME);
    await expect.poll(() => mine.syncStatus.getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');
    await mine.frame.getByRole('button', { name: 'Add to a requisition' }).click();
    const add = mine.frame.getByRole('form', { name: 'Add to a requisition' });
    await add.waitFor();
    expect(await axeViolations((await mine.contentFrame())!)).toEqual([]);
    await add.getByLabel('Requisition').selectOption({ label: ROLE });
    await add.getByLabel('Stage').selectOption('Screen');
    await add.getByRole('button', { name: 'Add' }).click();
    const myStage = mine.frame.getByTestId('pipeline-stage');
    await expect.poll(() => myStage.inputValue()).toBe('stage:Screen');
    // The accessible name a person looks for.
    expect(await mine.frame.getByLabel(`Stage for ${ROLE}`).count()).toBe(1);
    await myStage.selectOption({ label: 'Onsite' });
    await mine.frame.getByRole('button', { name: 'Move' }).click();
    await expect.poll(() => mine.feedItems.first().textContent()).toMatch(new RegExp(`^You moved ${NAME} to Onsite for ${ROLE}`));
    await expect.poll(() => mine.syncStatus.getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');

    const theirs = await openProfile(recruiter, PROFILE, NAME);
    const theirStage = theirs.frame.getByTestId('pipeline-stage');
    await expect.poll(() => theirStage.inputValue(), { timeout: 15_000 }).toBe('stage:Onsite');
    await expect.poll(() => theirs.warning.textContent()).toContain(`In process for ${ROLE} at Onsite.`);
    await expect.poll(() => theirs.feedItems.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^Sam Sourcer moved ${NAME} to Onsite for ${ROLE}`))]));

    // The recruiter rejects, with a reason; the sourcer's open sidebar follows.
    await theirStage.selectOption({ label: 'Rejected by us…' });
    await theirs.frame.getByRole('button', { name: 'Reject…' }).click();
    await theirs.frame.getByLabel('Why are we rejecting them?').fill('Wants a management track');
    expect(await axeViolations((await theirs.contentFrame())!)).toEqual([]);
    await theirs.frame.getByRole('button', { name: 'Mark rejected' }).click();
    await expect.poll(() => myStage.inputValue(), { timeout: 20_000 }).toBe('close:rejected');
    await expect.poll(() => mine.frame.getByTestId('pipeline-status').textContent()).toBe('Rejected by us at Onsite: Wants a management track');
    await expect.poll(() => mine.warning.textContent()).toMatch(new RegExp(`Rejected by us for ${ROLE} .*: Wants a management track\\.`));

    // What the server keeps for the numbers: one entry, and every move with from, to, status and reason.
    const [entry, ...more] = (await server.stored('pipeline_entry')) as PipelineEntry[];
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ stage: 'Onsite', status: 'rejected', reason: 'Wants a management track' });
    const moves = ((await server.stored('activity')) as Activity[]).flatMap((a) => (a.kind === 'stage_changed' ? [a.data] : []));
    expect(moves).toEqual([
      { from: null, fromStatus: null, to: 'Screen', status: 'active', reason: null, declinedOffer: null },
      { from: 'Screen', fromStatus: 'active', to: 'Onsite', status: 'active', reason: null, declinedOffer: null },
      { from: 'Onsite', fromStatus: 'active', to: 'Onsite', status: 'rejected', reason: 'Wants a management track', declinedOffer: null },
    ]);
  });
});
