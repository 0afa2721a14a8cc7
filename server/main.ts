// `npm run server`: the Tandem team server. PORT (8787), HOST (127.0.0.1), DATABASE_URL (unset:
// embedded PGlite in TANDEM_DATA_DIR, default ./.tandem-data).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { serve } from '@hono/node-server';
import { announceServer } from './admin/running-server';
import { adminSecret, readConfig } from './config';
import { openDatabase } from './db/open';
import { privateFolder } from './db/private-folder';
import { createAdminApp } from './http/admin-routes';
import { serveAdminSocket } from './http/admin-socket';
import { createApp } from './http/app';
import { rateLimits } from './http/rate-limits';
import { PokeHub } from './poke/poke-hub';
import { MailSender } from './mail/mail-sender';
import { linkSecret } from './review-link/token';
import type { Database } from './db/database';
import { type Logger, createLogger } from './log';
import { schedulePrivacyRuns } from './privacy/daily';

export async function startServer(env: NodeJS.ProcessEnv = process.env) {
  const log = createLogger(env.LOG_LEVEL);
  const config = readConfig(env);
  // On Postgres too: the folder holds the admin secret.
  privateFolder(config.dataDir);
  const db = await openDatabase(config);
  // The admin routes listen apart from the public port, before it opens: the CLI finds them
  // once the server is announced.
  const adminApp = createAdminApp({ db, log, secret: adminSecret(config.dataDir, env, { create: true })! });
  const admin = await serveAdminSocket(config.dataDir, adminApp, { shared: db.kind === 'postgres' }).catch(async (e: unknown) => {
    await db.close();
    throw e;
  });
  const limits = rateLimits(config.rateLimits);
  const secret = await linkSecret(db, env);
  const app = createApp({ db, log, limits, linkSecret: secret, mailsReminders: config.mail.transport === 'smtp' });
  const pokes = new PokeHub({ db, log, badTokens: limits.badTokenGuard, trustProxy: config.rateLimits.trustProxy });
  await pokes.start().catch(async (e: unknown) => {
    await Promise.resolve(admin?.close());
    await db.close();
    throw e;
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => pokes.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // The admin CLI must not open a PGlite folder that this process holds: tell it where we are
  // before saying we are ready.
  const unannounce = db.kind === 'pglite' ? announceServer(config.dataDir, { pid: process.pid, port }) : () => undefined;
  const publicUrl = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  // With mail off it still posts to teams' chat webhooks.
  const mail = new MailSender({ db, log, config: config.mail, secret, publicUrl });
  await mail.start();
  const stopAnalyzing = db.kind === 'pglite' ? keepStatisticsFresh(db, log) : () => undefined;
  const stopPrivacyRuns = schedulePrivacyRuns(db, log, { mailLogDays: config.mailLogDays });
  log.info({ port, host: config.host, mail: config.mail.transport, publicUrl, database: db.kind, dataDir: db.kind === 'pglite' ? config.dataDir : undefined, adminSocket: admin?.path ?? 'served by another process on this folder' }, 'listening');

  let stopping: Promise<void> | undefined;
  // Once stopping, every response closes its connection: a client that keeps connections alive
  // (a browser, undici) would otherwise hold the server open, request after request.
  const http1 = server as Server; // serve() makes an HTTP/1 server unless told otherwise
  const unfinished = new Set<ServerResponse>();
  http1.prependListener('request', (_req, res) => {
    if (stopping) return void res.setHeader('connection', 'close');
    unfinished.add(res);
    res.once('close', () => {
      unfinished.delete(res);
      if (stopping) setImmediate(() => http1.closeIdleConnections());
    });
  });
  /**
   * Stops accepting connections, closes the poke connections (devices reconnect elsewhere or
   * later), lets in-flight requests finish (for up to `graceMs`, then closes their
   * connections), then closes the database.
   */
  const stop = ({ graceMs = 10_000 }: { graceMs?: number } = {}) =>
    (stopping ??= new Promise<void>((resolve) => {
      log.info({ inFlight: unfinished.size, pokeConnections: pokes.size }, 'shutting down');
      // Upgraded sockets hold the HTTP server open until they end.
      const pokesClosed = pokes.close({ graceMs: Math.min(graceMs, 1_000) });
      for (const res of unfinished) if (!res.headersSent) res.setHeader('connection', 'close');
      const deadline = setTimeout(() => {
        log.warn({ graceMs, inFlight: unfinished.size }, 'requests still in flight at the deadline; closing their connections');
        http1.closeAllConnections();
      }, graceMs);
      http1.close(() => {
        clearTimeout(deadline);
        unannounce();
        stopAnalyzing();
        stopPrivacyRuns();
        Promise.all([pokesClosed, admin?.close(), mail.stop()])
          .then(() => db.close())
          .then(() => log.info('stopped'))
          .catch((err: unknown) => log.error({ err }, 'closing the database failed'))
          .finally(resolve);
      });
      http1.closeIdleConnections();
    }));
  return { port, stop, db, log, pokes, mail, publicUrl };
}

/** How often embedded PGlite refreshes its planner statistics. */
const ANALYZE_EVERY_MS = 5 * 60_000;

/**
 * PGlite has no autovacuum, so without this the planner never learns how big `entities` has
 * grown and plans pulls and lookups as if it were empty. (Postgres does this by itself.)
 */
function keepStatisticsFresh(db: Database, log: Logger): () => void {
  const analyze = () => db.exec('ANALYZE').catch((err: unknown) => log.warn({ err }, 'ANALYZE failed'));
  void analyze();
  const timer = setInterval(() => void analyze(), ANALYZE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const running = await startServer().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // pino writes asynchronously: flush the last lines before the process ends.
    process.once(signal, () => void running.stop().then(() => running.log.flush(() => process.exit(0))));
  }
}
