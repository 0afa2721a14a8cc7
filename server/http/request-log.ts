import type { MiddlewareHandler } from 'hono';
import type { Logger } from '@/server/log';

/** One structured log line per request, with its status and how long it took. */
export function logRequests(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  };
}
