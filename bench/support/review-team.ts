import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ulid } from 'ulidx';
import { createTeam, invite, redeem } from '@/server/auth/team-admin';
import { startServer } from '@/server/main';
import type { PushResponse } from '@/lib/model';

/**
 * A real server (PGlite in a temp folder, no rate limits) with a team whose recruiter has sent
 * `requests` review requests of `people` people each to one hiring manager, through the push route.
 */
export async function reviewTeam({ requests, people, settings = {} }: { requests: number; people: number; settings?: Record<string, string> }) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-mail-'));
  const noLimits = { TANDEM_RATE_PUSH_PER_MIN: '0', TANDEM_RATE_PULL_PER_MIN: '0', TANDEM_RATE_REVIEW_LINK_PER_MIN: '0' };
  const server = await startServer({ ...process.env, PORT: '0', TANDEM_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', ...noLimits, ...settings });
  const url = `http://127.0.0.1:${server.port}`;
  const team = await createTeam(server.db, `Bench ${ulid()}`);
  const recruiter = await redeem(server.db, (await invite(server.db, team.id, 'riley@bench.example', 'recruiter')).code, 'bench');
  const manager = await redeem(server.db, (await invite(server.db, team.id, 'hana@bench.example', 'hiring_manager')).code, 'bench');
  const requisitionId = ulid();
  const clientId = `client-${ulid()}`;
  let mutationId = 0;
  const push = async (mutations: { name: string; args: unknown }[]) => {
    const res = await fetch(`${url}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${recruiter.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId, mutations: mutations.map((m) => ({ id: ++mutationId, ...m })) }),
    });
    const body = (await res.json()) as PushResponse;
    if (!res.ok || body.rejected.length) throw new Error(`seeding: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  };
  await push([
    {
      name: 'requisition.save',
      args: { id: requisitionId, title: 'Staff Platform Engineer', hiringManagerId: manager.member.id, recruiterIds: [recruiter.member.id], mustHaves: ['Go or Rust in production', 'Postgres at scale', 'Led a migration', 'On-call experience'], niceToHaves: ['Kubernetes', 'Mentoring'], stages: ['Sourced', 'Screen'] },
    },
  ]);
  const requestIds: string[] = [];
  let person = 0;
  for (let r = 0; r < requests; r += Math.max(1, Math.floor(100 / people))) {
    const batch: { name: string; args: unknown }[] = [];
    for (let k = r; k < Math.min(requests, r + Math.max(1, Math.floor(100 / people))); k++) {
      const ids = Array.from({ length: people }, () => ulid());
      for (const id of ids) {
        const i = person++;
        batch.push({ name: 'prospect.upsert', args: { id, identity: { site: 'linkedin', key: `linkedin:bench-${i}`, url: `https://www.linkedin.com/in/bench-${i}/`, name: `Person ${i + 1} Benchmark`, headline: 'Staff engineer, payments', company: 'Acme', location: 'Berlin' } } });
        batch.push({ name: 'note.add', args: { prospectId: id, body: `Strong on Postgres; spoke at a meetup (${i}).` } });
      }
      const requestId = ulid();
      requestIds.push(requestId);
      batch.push({ name: 'review.request', args: { id: requestId, requisitionId, reviewerId: manager.member.id, prospectIds: ids, activityIds: ids.map(() => ulid()), message: 'Calibration batch' } });
    }
    await push(batch);
  }
  return {
    server,
    url,
    teamId: team.id,
    reviewerId: manager.member.id,
    requestIds,
    async close() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
