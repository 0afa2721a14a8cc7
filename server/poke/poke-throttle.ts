/**
 * How often a team's devices are poked at most. Each poke makes every device of the team pull,
 * and pulls are limited per member (600 a minute by default, server/http/rate-limits.ts): at two
 * pokes a second a member's device pulls at most 120 times a minute because of them, so even a
 * member with four devices open in a team that never stops writing stays under the limit, with
 * room for their own pushes and pulls.
 */
export const POKE_INTERVAL_MS = 500;

interface TeamState {
  version: number;
  lastSentAt: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Coalesces a team's changes into few pokes: the first change after a quiet interval is sent at
 * once (a lone note reaches the team without delay); changes within the interval after a poke
 * go together at its end, with the latest version.
 */
export class PokeThrottle {
  private readonly teams = new Map<string, TeamState>();

  constructor(
    private readonly send: (teamId: string, version: number) => void,
    private readonly intervalMs = POKE_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  changed(teamId: string, version: number): void {
    let team = this.teams.get(teamId);
    if (!team) {
      team = { version, lastSentAt: -Infinity, timer: null };
      this.teams.set(teamId, team);
    }
    team.version = Math.max(team.version, version);
    if (team.timer !== null) return;
    const wait = team.lastSentAt + this.intervalMs - this.now();
    if (wait <= 0) return this.flush(teamId, team);
    team.timer = setTimeout(() => {
      team.timer = null;
      this.flush(teamId, team);
    }, wait);
  }

  /** The team has no connections left: nothing to remember. */
  forget(teamId: string): void {
    const team = this.teams.get(teamId);
    if (team?.timer) clearTimeout(team.timer);
    this.teams.delete(teamId);
  }

  close(): void {
    for (const teamId of [...this.teams.keys()]) this.forget(teamId);
  }

  private flush(teamId: string, team: TeamState): void {
    team.lastSentAt = this.now();
    this.send(teamId, team.version);
  }
}
