import { chmodSync, existsSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';

/** Where the admin routes listen: a Unix socket in the data folder, which only its owner can enter. */
export const adminSocketPath = (dataDir: string) => path.join(dataDir, 'admin.sock');

/** The longest socket path every Unix takes (Linux 107 bytes, macOS 103). */
const MAX_SOCKET_PATH = 103;

/** Whether a server answers on the socket (a file left by a process that died does not). */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface AdminListener {
  path: string;
  close(): Promise<void>;
}

/**
 * Serves `app` on the data folder's admin socket. A live server already there is another process
 * on this folder: an error for PGlite (one process per folder); with Postgres, where several
 * processes may share a folder and the database, that one serves the admin routes for all (null).
 */
export async function serveAdminSocket(dataDir: string, app: Hono, { shared }: { shared: boolean }): Promise<AdminListener | null> {
  const socketPath = adminSocketPath(dataDir);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    throw new Error(`the data folder's path is too long for the admin socket ${socketPath} (${MAX_SOCKET_PATH} bytes at most): use a shorter TANDEM_DATA_DIR`);
  }
  if (existsSync(socketPath)) {
    if (await answers(socketPath)) {
      if (shared) return null;
      throw new Error(`another Tandem server is running on ${dataDir} (its admin socket answers); stop it first`);
    }
    rmSync(socketPath, { force: true });
  }
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
