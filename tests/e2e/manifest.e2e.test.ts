import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR, REPO_ROOT } from './support/paths';

const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { permissions?: string[]; host_permissions?: string[]; minimum_chrome_version?: string };
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

  it('needs a Chrome whose service worker stays alive for its WebSocket (116), which the live updates rely on', () => {
    expect(Number(manifest.minimum_chrome_version)).toBeGreaterThanOrEqual(116);
  });
});
