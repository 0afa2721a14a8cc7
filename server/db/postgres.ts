import pg from 'pg';
import { RetryLoop, backoffDelay } from '@/lib/retry-loop';
import type { Database, ListenHandlers, Queryable } from './database';

// Versions and counts are bigint; they stay far below 2^53, so read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** A pool of connections to a real Postgres, for any number of stateless server processes. */
export function openPostgres(connectionString: string, { max = 10 }: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString, max });
  const wrap = (q: { query: pg.Pool['query'] }): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      return (await q.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    listen: (channels, handlers) => listenOn(connectionString, channels, handlers),
    close: () => pool.end(),
  };
}

/**
 * A connection of its own (LISTEN holds it; a pooled one would be handed to queries), made
 * again with backoff when it is lost. The first connection is made before this resolves, so a
 * database that is not there fails the caller at once.
 */
async function listenOn(connectionString: string, channels: string[], { onNotify, onGap, onError }: ListenHandlers): Promise<() => Promise<void>> {
  let stopped = false;
  let current: pg.Client | null = null;
  /** Connects and listens; `ended` resolves when the connection is gone. */
  const connect = async (): Promise<{ ended: Promise<void> }> => {
    // TCP keep-alive, so a connection a firewall dropped silently is noticed and made again.
    const client = new pg.Client({ connectionString, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    const ended = new Promise<void>((resolve) => {
      client.once('end', resolve);
      client.on('error', () => resolve());
    });
    client.on('notification', (n) => onNotify(n.channel, n.payload ?? ''));
    try {
      await client.connect();
      for (const channel of channels) await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    current = client;
    return { ended };
  };
  let first: Promise<void> | null = (await connect()).ended;
  // Each run holds one connection until it is lost; a failed attempt is retried with backoff.
  const loop = new RetryLoop(
    async () => {
      if (stopped) return;
      let ended = first;
      first = null;
      if (!ended) {
        ended = (await connect()).ended;
        onGap?.();
      }
      await ended;
      current = null;
      if (stopped) return;
      onError?.(new Error('the connection that listens for notifications was lost'));
      // Again soon, with jitter: every process notices at once.
      return { retryInMs: backoffDelay(1) };
    },
    // A retry waiting must not keep a stopping process alive.
    { onError, setTimer: (fn, ms) => setTimeout(fn, ms).unref() },
  );
  void loop.run();
  return async () => {
    stopped = true;
    await current?.end().catch(() => undefined);
  };
}
