import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProspectIdentity } from '@/lib/model/identity';
import { type Bundle, bundleScript } from '../support/bundled-script';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = path.resolve(REPO_ROOT, '../shared/fixtures/linkedin/member-2025-04-fresh-load.html');
const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
let bundle: Bundle;
beforeAll(async () => {
  bundle = await bundleScript('scripts/identify.ts');
});
afterAll(() => bundle.remove());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs scripts/identify.ts without npm's own output: bundled (tests/support/bundled-script.ts),
 * or through tsx as `npm run identify` does (its loader costs about a second a call).
 */
async function runCli(args: string[], { via = 'bundle' }: { via?: 'bundle' | 'tsx' } = {}): Promise<Run> {
  const [command, script] = via === 'tsx' ? [TSX, 'scripts/identify.ts'] : [process.execPath, bundle.file];
  try {
    const { stdout, stderr } = await promisify(execFile)(command, [script, ...args], { cwd: REPO_ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run identify', () => {
  it('prints the identity of a saved page as pretty JSON', async () => {
    // As `npm run identify` runs it.
    const run = await runCli(['--url', 'https://www.linkedin.com/in/robertkcheung/', '--file', FIXTURE], { via: 'tsx' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\n  "key": "linkedin:robertkcheung",\n');
    const identity = ProspectIdentity.parse(JSON.parse(run.stdout));
    expect(identity).toMatchObject({ key: 'linkedin:robertkcheung', name: 'Rob Cheung', company: '꩜Substrate' });
  }, 30_000);

  it('reads an ATS page with the adapter for its site', async () => {
    const file = path.resolve(REPO_ROOT, 'tests/fixtures/ats/greenhouse/profile-rendered.html');
    const run = await runCli(['--url', 'https://app.greenhouse.io/people/4521?application_id=9001', '--file', file]);
    expect(run.code).toBe(0);
    const identity = ProspectIdentity.parse(JSON.parse(run.stdout));
    expect(identity).toMatchObject({ site: 'greenhouse', key: 'greenhouse:4521', url: 'https://app.greenhouse.io/people/4521', name: 'Ada Lovelace', emails: ['ada@example.com', 'ada.lovelace@work.example'] });
    expect(identity.sameAs).toEqual([{ site: 'linkedin', key: 'linkedin:ada-lovelace', url: 'https://www.linkedin.com/in/ada-lovelace/' }]);
  }, 30_000);

  it('prints null for a page that is not a profile', async () => {
    const run = await runCli(['--url', 'https://www.linkedin.com/feed/', '--file', FIXTURE]);
    expect(run).toMatchObject({ code: 0, stdout: 'null\n' });
  }, 30_000);

  it('exits 2 with usage on stderr when an argument is missing', async () => {
    const run = await runCli(['--url', 'https://www.linkedin.com/in/robertkcheung/']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^usage: /m);
  }, 30_000);

  it('exits 1 with a clear error when the file cannot be read', async () => {
    const run = await runCli(['--url', 'https://www.linkedin.com/in/robertkcheung/', '--file', 'no/such/page.html']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot read no/such/page.html');
  }, 30_000);
});
