import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Role } from '@/lib/model';
import { MUTATIONS } from '@/lib/mutations';
import { AUTHZ_CASES, type AuthzCase, type Player, ROLES, type World, isNa } from './support/authorization-cases';
import { type MatrixRow, type Outcome, REGENERATE, renderMatrix } from './support/authorization-table';
import { as, teamWith } from './support/server';
import { serverFor } from './support/suite';

const DOC = new URL('../../docs/authorization.md', import.meta.url);

describe('the authorization matrix (docs/authorization.md)', () => {
  const server = serverFor('pglite');
  const rows = new Map<AuthzCase, MatrixRow>();

  async function team(roles: Role[]): Promise<{ teamId: string; players: Player[] }> {
    const { team, members } = await teamWith(server.db, roles);
    return { teamId: team.id, players: members.map((m) => ({ member: m.member, api: as(server.app, m) })) };
  }

  /** Everything a team has stored, as one fingerprint. */
  async function fingerprint(teamId: string): Promise<string> {
    const [row] = await server.db.query<{ print: string | null }>(
      `SELECT (SELECT version FROM teams WHERE id = $1)::text || ':' ||
              coalesce(md5(string_agg(kind || '/' || id || '/' || version::text || '/' || doc::text, ',' ORDER BY kind, id)), '') AS print
         FROM entities WHERE team_id = $1`,
      [teamId],
    );
    return row!.print ?? '';
  }

  async function run(player: Player, name: string, args: object): Promise<Outcome> {
    const { rejected } = await player.api.push([{ name, args }]);
    return rejected.length === 0 ? { kind: 'allowed' } : { kind: 'refused', reason: rejected[0]!.reason };
  }

  let worlds: { teamId: string; world: (role: Role) => World; stranger: (role: Role) => Player } | undefined;
  async function setting() {
    if (worlds) return worlds;
    // The roles under test first, then the teammates who make what they act on.
    const home = await team([...ROLES, 'admin', 'recruiter', 'sourcer', 'hiring_manager', 'hiring_manager']);
    const away = await team(ROLES);
    const [admin, recruiter, sourcer, hm, hm2] = home.players.slice(ROLES.length) as [Player, Player, Player, Player, Player];
    const at = (players: Player[], role: Role) => players[ROLES.indexOf(role)]!;
    worlds = {
      teamId: home.teamId,
      world: (role) => ({ actor: at(home.players, role), mates: { admin, recruiter, sourcer, hm, hm2 } }),
      stranger: (role) => at(away.players, role),
    };
    return worlds;
  }

  it('covers every mutation', () => {
    expect(new Set(AUTHZ_CASES.map((c) => c.mutation))).toEqual(new Set(MUTATIONS.keys()));
  });

  it.each(AUTHZ_CASES.map((c) => [`${c.mutation}: ${c.situation}`, c] as const))('%s', async (_, c) => {
    const { teamId, world, stranger } = await setting();
    const row: MatrixRow = { mutation: c.mutation, situation: c.situation, ownTeam: {} as MatrixRow['ownTeam'], otherTeam: {} as MatrixRow['otherTeam'] };
    for (const role of ROLES) {
      const w = world(role);
      const args = await c.setUp(w);
      if (isNa(args)) {
        row.ownTeam[role] = row.otherTeam[role] = { kind: 'not applicable', reason: args.notApplicable };
        continue;
      }
      // Another team's member first, naming this team's ids: this team must not change.
      const before = await fingerprint(teamId);
      row.otherTeam[role] = await run(stranger(role), c.mutation, args);
      expect(await fingerprint(teamId), `${role} of another team changed this team's rows`).toBe(before);
      row.ownTeam[role] = await run(w.actor, c.mutation, args);
    }
    rows.set(c, row);
  });

  it('matches docs/authorization.md', async () => {
    expect(rows.size, 'the matrix is built by the cases above: run the whole file').toBe(AUTHZ_CASES.length);
    const generated = renderMatrix(
      AUTHZ_CASES.map((c) => rows.get(c)!),
      ROLES,
    );
    if (process.env.UPDATE_AUTHZ) await writeFile(DOC, generated);
    const kept = await readFile(DOC, 'utf8').catch(() => '');
    expect(kept, `docs/authorization.md does not match what the server does. If the rules changed on purpose, run \`${REGENERATE}\` and review the diff.`).toBe(generated);
  });

  it('lets nobody act on another team’s records', () => {
    expect(rows.size, 'the matrix is built by the cases above: run the whole file').toBe(AUTHZ_CASES.length);
    // Only recording a new person, saving a search or an admin setting the team's privacy
    // choices (one row per team, the same id in each) writes anything, and that is in the
    // member's own team (the fingerprint above shows this team unchanged).
    const allowedAcross = [...rows.values()].filter((r) => Object.values(r.otherTeam).some((o) => o.kind === 'allowed')).map((r) => r.mutation);
    expect(new Set(allowedAcross)).toEqual(new Set(['prospect.upsert', 'search.save', 'team.privacy.set']));
  });
});
