import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Written by a server on PGlite while it runs, so the admin CLI knows to go through it. */
const FILE = 'server.json';

export interface RunningServer {
  pid: number;
  port: number;
}

export function announceServer(dataDir: string, info: RunningServer): () => void {
  const file = path.join(dataDir, FILE);
  writeFileSync(file, JSON.stringify(info), { mode: 0o600 });
  return () => rmSync(file, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The server holding this data folder, if one is running. */
export function runningServer(dataDir: string): RunningServer | null {
  const file = path.join(dataDir, FILE);
  if (!existsSync(file)) return null;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as RunningServer;
    return typeof info.pid === 'number' && typeof info.port === 'number' && alive(info.pid) ? info : null;
  } catch {
    return null;
  }
}
