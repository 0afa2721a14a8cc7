// `npm run server`: the Tandem team server. PORT (8787), HOST (127.0.0.1), DATABASE_URL (unset:
// embedded PGlite in TANDEM_DATA_DIR, default ./.tandem-data).
import { serve } from '@hono/node-server';
import { announceServer } from './admin/running-server';
import { adminSecret, readConfig } from './config';
import { openDatabase } from './db/open';
import { createApp } from './http/app';
import { createLogger } from './log';

export async function startServer(env: NodeJS.ProcessEnv = process.env) {
  const log = createLogger(env.LOG_LEVEL);
  const config = readConfig(env);
  const db = await openDatabase(config);
  const app = createApp({ db, log, adminSecret: adminSecret(config.dataDir, env, { create: true }) });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({ port, host: config.host, database: db.kind, dataDir: db.kind === 'pglite' ? config.dataDir : undefined }, 'listening');
  // The admin CLI must not open a PGlite folder that this process holds: tell it where we are.
  const unannounce = db.kind === 'pglite' ? announceServer(config.dataDir, { pid: process.pid, port }) : () => undefined;

  let stopping: Promise<void> | undefined;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  const stop = () =>
    (stopping ??= new Promise<void>((resolve) => {
      log.info('shutting down');
      server.close(() => {
        unannounce();
        void db.close().then(() => {
          log.info('stopped');
          resolve();
        });
      });
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    }));
  return { port, stop, db, log };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const running = await startServer().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void running.stop().then(() => process.exit(0)));
  }
}
