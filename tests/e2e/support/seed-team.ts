import { ulid } from 'ulidx';
import { DEFAULT_STAGES, type PushResponse } from '@/lib/model';
import type { TeamServer } from './team-server';

/** Where the seeded person `i` lives on the (fixture) LinkedIn site. */
export const seededProfileUrl = (i: number) => `https://www.linkedin.com/in/tandem-seed-${i}/`;

export interface SeededTeam {
  /** The request with everyone in it, addressed to the reviewer; its requisition's scorecard holds the texts. */
  batchRequestId: string;
  batchRequisitionId: string;
  reviewerId: string;
}

/**
 * Fills a team through the server's own push path, as a recruiter on another device would:
 * one person per text (named by it, headlined by the next), every text as a team note on the
 * first person, a requisition titled by each text, one review request of everyone (a scorecard
 * of all the texts) and one per further person (its message the text), all addressed to
 * `reviewerEmail`, and the first person marked do-not-contact. The reviewer's browser then
 * pulls it like any other change.
 */
export async function seedTeam(server: TeamServer, { reviewerEmail, texts }: { reviewerEmail: string; texts: readonly string[] }): Promise<SeededTeam> {
  const [writer, reviewer] = [await server.join('rita.seeder@acme.example', 'recruiter'), await server.join(reviewerEmail, 'admin')];
  const reviewerId = reviewer.member.id;
  const text = (i: number) => texts[i % texts.length]!;
  const people = texts.map(() => ulid());
  const requisitions = texts.map(() => ulid());
  const batchRequisitionId = ulid();
  const batchRequestId = ulid();
  const request = (id: string, requisitionId: string, prospectIds: string[], message: string) => ({
    name: 'review.request',
    args: { id, requisitionId, reviewerId, prospectIds, activityIds: prospectIds.map(() => ulid()), message },
  });
  const mutations = [
    ...people.map((id, i) => ({
      name: 'prospect.upsert',
      args: { id, identity: { site: 'linkedin', key: `linkedin:tandem-seed-${i}`, url: seededProfileUrl(i), name: text(i), headline: text(i + 1), company: null, location: null } },
    })),
    ...texts.map((body) => ({ name: 'note.add', args: { prospectId: people[0], body } })),
    ...requisitions.map((id, i) => ({ name: 'requisition.save', args: { id, title: text(i), hiringManagerId: reviewerId, stages: DEFAULT_STAGES } })),
    {
      name: 'requisition.save',
      args: { id: batchRequisitionId, title: text(1), hiringManagerId: reviewerId, mustHaves: texts.slice(0, 30), niceToHaves: texts.slice(30, 60), stages: DEFAULT_STAGES },
    },
    request(batchRequestId, batchRequisitionId, people, text(2)),
    ...people.slice(1).map((id, i) => request(ulid(), requisitions[i + 1]!, [id], text(i + 1))),
    { name: 'prospect.setDoNotContact', args: { prospectId: people[0], reason: text(3) } },
  ];
  const clientId = `client-${ulid()}`;
  for (let from = 0; from < mutations.length; from += 100) {
    const batch = mutations.slice(from, from + 100).map((m, i) => ({ id: from + i + 1, ...m }));
    const res = await fetch(`${server.url}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${writer.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId, mutations: batch }),
    });
    if (!res.ok) throw new Error(`seeding the team: push answered ${res.status} ${await res.text()}`);
    const { rejected } = (await res.json()) as PushResponse;
    if (rejected.length > 0) throw new Error(`seeding the team: ${JSON.stringify(rejected.slice(0, 3))}`);
  }
  return { batchRequestId, batchRequisitionId, reviewerId };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A bare LinkedIn profile page showing `name` and `headline` as text, as the site's markup would. */
export function profilePage(name: string, headline: string): string {
  return `<!doctype html><html lang="en"><head><title>Profile | LinkedIn</title></head><body><main>
<section data-member-id="7"><h1>${escapeHtml(name)}</h1><div class="text-body-medium">${escapeHtml(headline)}</div></section></main></body></html>`;
}
