import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { AuthError } from '@/server/auth/team-admin';
import { isUniqueViolation } from '@/server/db/database';
import type { Logger } from '@/server/log';

/** Every error leaves as `{ error: "…" }` with a 4xx a client can act on. */
export function fail(status: ContentfulStatusCode, message: string): never {
  throw new HTTPException(status, { res: Response.json({ error: message }, { status }) });
}

/** The request's JSON body, validated; malformed or invalid bodies are a 400 that says why. */
export async function jsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) fail(415, 'send the body as application/json');
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    fail(400, 'the body is not valid JSON');
  }
  return validate(schema, body, 'body');
}

export function validate<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) fail(400, `invalid ${what}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * A request with a body answered with an error closes its connection. The body may be unread
 * (a 413, or a refusal before parsing), and the Node adapter drains an unread body for only
 * 500 ms before cutting the socket, under the next request a keep-alive client sends on it.
 */
export const closeConnectionOnError: MiddlewareHandler = async (c, next) => {
  await next();
  const length = c.req.header('content-length');
  const hasBody = length === undefined ? c.req.header('transfer-encoding') !== undefined : length !== '0';
  if (c.res.status >= 400 && hasBody) c.res.headers.set('connection', 'close');
};

/**
 * The answer to an error a route threw: its own 4xx, a 409 for a write that lost a race to an
 * equal one, or a logged 500 that shows nothing of the cause.
 */
export function answerError(err: Error, c: Context, log: Logger): Response {
  if (err instanceof HTTPException) return err.getResponse();
  if (err instanceof AuthError) return c.json({ error: err.message }, err.status);
  if (isUniqueViolation(err)) return c.json({ error: 'this clashed with the same change made at the same moment; try again' }, 409);
  log.error({ err, method: c.req.method, path: c.req.path }, 'unhandled error');
  return c.json({ error: 'the server failed to handle this request' }, 500);
}
