import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR, REPO_ROOT } from './support/paths';

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  minimum_chrome_version?: string;
  content_scripts?: { js: string[]; matches: string[] }[];
  web_accessible_resources?: { resources: string[]; matches: string[] }[];
}
const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Manifest;
const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The backticked names in the README's bullet that starts with `label`. */
function listed(label: string): string[] {
  const bullet = new RegExp(`^- ${label}: ([\\s\\S]*?)(?=\\n- |\\n\\n)`, 'm').exec(readme)?.[1] ?? '';
  return [...bullet.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).filter((name) => !name.includes('.') || name.includes('*'));
}

describe('the built manifest and the README', () => {
  it('asks for exactly the permissions the README lists', () => {
    const permissions = listed('Permissions').filter((name) => !name.includes('*'));
    expect(permissions.sort()).toEqual([...(manifest.permissions ?? [])].sort());
    expect(listed('Permissions').filter((name) => name.includes('*')).sort()).toEqual([...(manifest.host_permissions ?? [])].sort());
  });

  it('asks for the ATS hosts only when needed, as the README lists them, and loads the sidebar frame on them', () => {
    const optional = manifest.optional_host_permissions ?? [];
    expect(listed('Asked when needed').filter((name) => name.includes('*')).sort()).toEqual([...optional].sort());
    expect(optional.length).toBeGreaterThan(0);
    // The ATS script is registered at run time, never declared (it would ask at install).
    expect(manifest.content_scripts?.flatMap((script) => script.js)).toEqual(['content-scripts/linkedin.js']);
    const frame = manifest.web_accessible_resources?.find((entry) => entry.resources.includes('sidebar.html'));
    expect(frame?.matches.sort()).toEqual([...(manifest.host_permissions ?? []), ...optional].sort());
  });

  it('needs a Chrome whose service worker stays alive for its WebSocket (116), which the live updates rely on', () => {
    expect(Number(manifest.minimum_chrome_version)).toBeGreaterThanOrEqual(116);
  });
});
