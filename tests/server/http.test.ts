import { ulid } from 'ulidx';
import { beforeAll, describe, expect, it } from 'vitest';
import { invite } from '@/server/auth/team-admin';
import { MAX_BODY_BYTES } from '@/server/http/app';
import { MAX_PULL_LIMIT, MAX_PUSH_MUTATIONS, type PullResponse, type PushResponse } from '@/lib/model';
import { DATABASE_KINDS } from './support/databases';
import { type App, type Call, type SignedIn, as, call, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';

/** expect.stringMatching, typed for use inside object literals. */
const matching = (re: RegExp): unknown => expect.stringMatching(re);

/** The `{error}` of a 4xx, checked to be a sentence about `about`. */
function expectError(res: Call, status: number, about: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toEqual({ error: matching(about) });
}

/** A raw request: any body, any headers, nothing added. */
async function raw(app: App, method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit; duplex?: 'half' } = {}): Promise<Call & { headers: Headers }> {
  const res = await app.request(path, { method, ...init });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // kept as text
  }
  return { status: res.status, body, headers: res.headers };
}

/** `depth` arrays inside each other, as JSON text (no recursion needed to build or send it). */
const nestedArrays = (depth: number, inner = '1') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe.each(DATABASE_KINDS)('HTTP robustness on %s', (kind) => {
  const server = serverFor(kind);
  let me: SignedIn;
  let prospectId: string;
  const push = (body: unknown, token = me.token) => call(server.app, 'POST', '/v1/push', { token, body });
  const pull = (query: string, token = me.token) => call(server.app, 'GET', `/v1/pull?${query}`, { token });

  beforeAll(async () => {
    [me] = (await teamWith(server.db, ['recruiter'])).members as [SignedIn];
    prospectId = ulid();
    await as(server.app, me).push([{ id: 1, name: 'prospect.upsert', args: { id: prospectId, identity: identity(), at: 1 } }]);
  });

  /** A mutation id above everything pushed so far by `me`'s client. */
  let nextId = 100;
  const pushOne = (name: string, args: unknown) => push({ clientId: me.clientId, mutations: [{ id: nextId++, name, args }] });
  /** The same with the args as JSON text: nesting too deep for JSON.stringify. */
  const pushOneText = (name: string, argsJson: string) => push(`{"clientId":"${me.clientId}","mutations":[{"id":${nextId++},"name":"${name}","args":${argsJson}}]}`);

  it('answers /healthz when the database answers', async () => {
    expect(await call(server.app, 'GET', '/healthz')).toEqual({ status: 200, body: { ok: true, database: kind } });
  });

  describe('bodies', () => {
    it.each([
      ['truncated JSON', '{"clientId": "abc'],
      ['a bare word', 'hello'],
      ['an empty body', ''],
      ['JSON with a trailing comma', '{"clientId":"client-123","mutations":[],}'],
      ['NUL bytes', '\u0000\u0000'],
    ])('refuses %s with 400', async (_what, body) => {
      expectError(await raw(server.app, 'POST', '/v1/push', { headers: { authorization: `Bearer ${me.token}`, 'content-type': 'application/json' }, body }), 400, /not valid JSON/);
    });

    it.each([
      ['text/plain', { 'content-type': 'text/plain' }],
      ['form data', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['no content type', {}],
    ])('refuses %s with 415', async (_what, headers: Record<string, string>) => {
      const body = JSON.stringify({ clientId: me.clientId, mutations: [] });
      expectError(await raw(server.app, 'POST', '/v1/push', { headers: { authorization: `Bearer ${me.token}`, ...headers }, body }), 415, /application\/json/);
    });

    it('takes application/json with a charset', async () => {
      const body = JSON.stringify({ clientId: me.clientId, mutations: [] });
      const res = await raw(server.app, 'POST', '/v1/push', { headers: { authorization: `Bearer ${me.token}`, 'content-type': 'application/json; charset=utf-8' }, body });
      expect(res.status).toBe(200);
    });

    it(`refuses a body over ${MAX_BODY_BYTES} bytes with 413, and takes one just under`, async () => {
      const over = JSON.stringify({ clientId: me.clientId, mutations: [], pad: 'x'.repeat(MAX_BODY_BYTES) });
      expectError(await push(over), 413, /larger than 1 MB/);
      const under = JSON.stringify({ clientId: me.clientId, mutations: [], pad: 'x'.repeat(MAX_BODY_BYTES - 100) });
      expect((await push(under)).status).toBe(200);
      // Redeem takes no token, so its limit must hold before anything else runs.
      expectError(await call(server.app, 'POST', '/v1/auth/redeem', { body: { code: 'x'.repeat(MAX_BODY_BYTES + 1) } }), 413, /larger than 1 MB/);
    });

    it('refuses an oversized body streamed without a content length', async () => {
      const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > MAX_BODY_BYTES + chunk.length) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const res = await raw(server.app, 'POST', '/v1/push', { headers: { authorization: `Bearer ${me.token}`, 'content-type': 'application/json' }, body, duplex: 'half' });
      expectError(res, 413, /larger than 1 MB/);
    });
  });

  describe('push validation', () => {
    const valid = () => ({ clientId: me.clientId, mutations: [] as unknown[] });
    it.each<[string, () => unknown, RegExp]>([
      ['mutations not an array', () => ({ ...valid(), mutations: {} }), /expected array[\s\S]*mutations/],
      ['mutations missing', () => ({ clientId: me.clientId }), /mutations/],
      ['a body that is an array', () => [valid()], /expected object/],
      ['a body that is null', () => null, /expected object/],
      ['a body that is a string', () => JSON.stringify('push'), /expected object/],
      ['id 0', () => ({ ...valid(), mutations: [{ id: 0, name: 'note.add', args: {} }] }), /mutations\[0\]\.id/],
      ['a negative id', () => ({ ...valid(), mutations: [{ id: -5, name: 'note.add', args: {} }] }), /mutations\[0\]\.id/],
      ['a fractional id', () => ({ ...valid(), mutations: [{ id: 1.5, name: 'note.add', args: {} }] }), /mutations\[0\]\.id/],
      ['an id as a string', () => ({ ...valid(), mutations: [{ id: '7', name: 'note.add', args: {} }] }), /mutations\[0\]\.id/],
      ['an id beyond 2^53', () => ({ ...valid(), mutations: [{ id: 2 ** 60, name: 'note.add', args: {} }] }), /mutations\[0\]\.id/],
      ['clientId too short', () => ({ ...valid(), clientId: 'abc' }), /8–64[\s\S]*clientId/],
      ['clientId with spaces', () => ({ ...valid(), clientId: 'client id with spaces' }), /clientId/],
      ['clientId not a string', () => ({ ...valid(), clientId: 12345678 }), /clientId/],
      ['an empty name', () => ({ ...valid(), mutations: [{ id: 1, name: '', args: {} }] }), /mutations\[0\]\.name/],
      ['a huge name', () => ({ ...valid(), mutations: [{ id: 1, name: 'n'.repeat(500_000), args: {} }] }), /mutations\[0\]\.name/],
      ['a name that is an object', () => ({ ...valid(), mutations: [{ id: 1, name: { deep: ['x'] }, args: {} }] }), /mutations\[0\]\.name/],
      ['a mutation that is a number', () => ({ ...valid(), mutations: [42] }), /mutations\[0\]/],
      [`more than ${MAX_PUSH_MUTATIONS} mutations`, () => ({ ...valid(), mutations: Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, (_, i) => ({ id: i + 1, name: 'x', args: null })) }), /mutations/],
    ])('refuses %s with 400 naming the field', async (_what, body, about) => {
      const res = await push(body());
      expectError(res, 400, about);
      expect((res.body as { error: string }).error).toMatch(/^invalid body: /);
      // A huge input is not echoed back in the message.
      expect(JSON.stringify(res.body).length).toBeLessThan(2000);
    });

    it.each([
      ['going down', [2, 1]],
      ['repeated', [1, 1]],
      ['going down after going up', [1, 3, 2]],
    ])('refuses mutation ids %s with 400, and applies none of the push', async (_how, offsets) => {
      const base = nextId;
      nextId += 10;
      const ids = offsets.map((o) => base + o);
      const prospects = ids.map(() => ulid());
      const res = await push({ clientId: me.clientId, mutations: ids.map((id, i) => ({ id, name: 'prospect.upsert', args: { id: prospects[i], identity: identity(`order-${prospects[i]}`), at: 1 } })) });
      expectError(res, 400, /mutation ids must strictly increase within a push/);
      const pulled = await as(server.app, me).pullAll();
      expect(pulled.filter((r) => prospects.includes(r.id))).toEqual([]);
    });

    it('records an unknown mutation name as a rejection and answers 200', async () => {
      const id = nextId++;
      const res = await push({ clientId: me.clientId, mutations: [{ id, name: 'prospect.launchRocket', args: { to: 'mars' } }] });
      expect(res).toEqual({ status: 200, body: { lastMutationId: id, rejected: [{ mutationId: id, name: 'prospect.launchRocket', reason: 'unknown mutation prospect.launchRocket' }] } });
      const page = (await pull(`clientId=${me.clientId}&since=${id - 1}`)).body as PullResponse;
      expect(page.rejections).toEqual([{ mutationId: id, name: 'prospect.launchRocket', reason: 'unknown mutation prospect.launchRocket' }]);
    });

    it.each([
      ['deeply nested arrays', nestedArrays(200_000)],
      ['deeply nested objects', nestedObjects(100_000)],
      ['an object nesting arrays', `{"id":"${ulid()}","prospectId":${nestedArrays(100_000, '"x"')},"body":"hi"}`],
    ])('rejects note.add with %s as its args, cleanly', async (_what, json) => {
      const res = await pushOneText('note.add', json);
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
      expect((res.body as PushResponse).rejected).toEqual([expect.objectContaining({ reason: matching(/expected (object|string)/) })]);
    });

    it.each<[string, () => unknown]>([
      ['a huge string', () => 'x'.repeat(900_000)],
      ['a number beyond 2^53', () => ({ id: ulid(), prospectId: 1e308, body: 'hi', at: 2 ** 70 })],
      ['NUL bytes in the note', () => ({ id: ulid(), prospectId, body: 'a\u0000b', at: 5 })],
      ['lone surrogates', () => ({ id: ulid(), prospectId, body: '\ud800\udfff\udc00', at: 5, extra: '\ud800' })],
      ['junk of every type', () => ({ id: [null, true, { a: -0 }], prospectId: { $gt: '' }, body: ['a'], at: '1; DROP TABLE teams' })],
    ])('rejects note.add with %s as its args, cleanly', async (_what, args) => {
      const res = await pushOne('note.add', args());
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
      const { rejected } = res.body as PushResponse;
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason.length).toBeGreaterThan(0);
      expect(rejected[0]!.reason.length).toBeLessThan(2000);
    });

    it.each([
      ['an unrecognised key with a NUL byte', JSON.stringify({ id: ulid(), prospectId, kind: 'outreach', data: { channel: 'email', 'k\u0000ey': 1 }, at: 3 }), /Unrecognized key/],
      ['deeply nested data', `{"id":"${ulid()}","prospectId":"${ulid()}","kind":"outreach","data":${nestedObjects(50_000)},"at":3}`, /Unrecognized key/],
      ['deeply nested data of a view', `{"id":"${ulid()}","prospectId":"${ulid()}","kind":"viewed","data":{"a":${nestedArrays(50_000)}},"at":3}`, /Unrecognized key/],
    ])('rejects activity.log with %s, cleanly', async (_what, json, reason) => {
      const res = await pushOneText('activity.log', json);
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
      expect((res.body as PushResponse).rejected).toEqual([expect.objectContaining({ reason: matching(reason) })]);
    });

    it('rejects a note with an unpaired surrogate instead of failing to store it', async () => {
      const res = await pushOne('note.add', { id: ulid(), prospectId, body: 'broken paste \ud83d', at: 4 });
      expect(res.status).toBe(200);
      // Refused by the note's own schema (the same check the device makes), before any storage.
      expect((res.body as PushResponse).rejected).toEqual([expect.objectContaining({ reason: matching(/must be valid Unicode text/) })]);
      // A whole surrogate pair is fine.
      const ok = await pushOne('note.add', { id: ulid(), prospectId, body: 'emoji 😀', at: 4 });
      expect((ok.body as PushResponse).rejected).toEqual([]);
    });

    it('records a mutation name with a NUL byte or odd unicode as an unknown mutation', async () => {
      const names = ['note\u0000add', '\u202enote.add', '💥'.repeat(16), 'note.add\ud800'];
      const first = nextId;
      const res = await push({ clientId: me.clientId, mutations: names.map((name) => ({ id: nextId++, name, args: {} })) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const { lastMutationId, rejected } = res.body as PushResponse;
      expect(lastMutationId).toBe(nextId - 1);
      expect(rejected.map((r) => r.mutationId)).toEqual(names.map((_, i) => first + i));
      for (const r of rejected) expect(r.reason).toMatch(/^unknown mutation /);
      // Still in order afterwards: the next good mutation applies.
      const ok = await pushOne('note.add', { id: ulid(), prospectId, body: 'after the junk', at: 9 });
      expect((ok.body as PushResponse).rejected).toEqual([]);
    });
  });

  describe('pull validation', () => {
    it.each<[string, (clientId: string) => string, RegExp]>([
      ['a negative cursor', (c) => `clientId=${c}&cursor=-1`, /cursor/],
      ['a cursor that is not a number', (c) => `clientId=${c}&cursor=abc`, /cursor/],
      ['a fractional cursor', (c) => `clientId=${c}&cursor=1.5`, /cursor/],
      ['a cursor beyond 2^53', (c) => `clientId=${c}&cursor=1e300`, /cursor/],
      ['limit 0', (c) => `clientId=${c}&limit=0`, /limit/],
      [`limit over ${MAX_PULL_LIMIT}`, (c) => `clientId=${c}&limit=${MAX_PULL_LIMIT + 1}`, /limit/],
      ['a negative since', (c) => `clientId=${c}&since=-3`, /since/],
      ['no clientId', () => 'cursor=0', /clientId/],
      ['a clientId too short', () => 'clientId=abc', /clientId/],
      ['a clientId with a NUL byte', () => 'clientId=client%00123456', /clientId/],
      ['a broken percent-encoding', () => 'clientId=%E0%A4%A&cursor=%', /clientId|cursor/],
    ])('refuses %s with 400 naming the parameter', async (_what, query, about) => {
      const res = await pull(query(me.clientId));
      expectError(res, 400, about);
      expect((res.body as { error: string }).error).toMatch(/^invalid query: /);
    });

    it('takes the largest limit, and answers a cursor far ahead of the team with a reset to zero', async () => {
      const res = await pull(`clientId=${me.clientId}&limit=${MAX_PULL_LIMIT}&cursor=${Number.MAX_SAFE_INTEGER}`);
      expect(res.status).toBe(200);
      // Only a database restored from a backup leaves a device ahead of its team (issue 7, finding 15).
      expect(res.body).toMatchObject({ rows: [], cursor: 0, reset: true });
    });
  });

  describe('routes and tokens', () => {
    it.each([
      ['GET', '/nope'],
      ['GET', '/v1/nope'],
      ['GET', '/v1/push'],
      ['DELETE', '/v1/pull'],
      ['PUT', '/healthz'],
      ['GET', '/v1/push/../pull/x'],
    ])('answers %s %s with 404 and the route', async (method, path) => {
      const res = await call(server.app, method, path, { token: me.token });
      expectError(res, 404, /^no route /);
    });

    it.each<[string, Record<string, string>, RegExp]>([
      ['no authorization header', {}, /sign in first/],
      ['a Basic header', { authorization: 'Basic dXNlcjpwYXNz' }, /sign in first/],
      ['an empty bearer', { authorization: 'Bearer ' }, /sign in first/],
      ['a bearer with two tokens', { authorization: 'Bearer abc def' }, /sign in first/],
      ['a garbled token', { authorization: 'Bearer %%%$$$***' }, /unknown token/],
      ['an unknown well-formed token', { authorization: `Bearer tdm_${'A'.repeat(43)}` }, /unknown token/],
      ['a token 10,000 characters long', { authorization: `Bearer ${'t'.repeat(10_000)}` }, /unknown token/],
    ])('refuses %s with 401 on push, pull and me', async (_what, headers, about) => {
      expectError(await call(server.app, 'POST', '/v1/push', { headers, body: { clientId: me.clientId, mutations: [] } }), 401, about);
      expectError(await call(server.app, 'GET', `/v1/pull?clientId=${me.clientId}`, { headers }), 401, about);
      expectError(await call(server.app, 'GET', '/v1/me', { headers }), 401, about);
      expectError(await call(server.app, 'POST', '/v1/auth/signout', { headers }), 401, about);
    });

    it('takes the bearer scheme in any case', async () => {
      expect((await call(server.app, 'GET', '/v1/me', { headers: { authorization: `bearer ${me.token}` } })).status).toBe(200);
    });
  });

  describe('redeem validation', () => {
    it.each<[string, unknown, number, RegExp]>([
      ['no code', {}, 400, /code/],
      ['an empty code', { code: '   ' }, 400, /invite code is required/],
      ['a code that is a number', { code: 1234 }, 400, /code/],
      ['a device name too long', { code: 'AAAA-BBBB', deviceName: 'd'.repeat(500) }, 400, /deviceName/],
      ['an unknown code', { code: 'AAAA-BBBB-CCCC-DDDD' }, 401, /not valid/],
      ['a code of punctuation only', { code: '----' }, 401, /not valid/],
      ['a code with a NUL byte', { code: 'AAAA\u0000BBBB' }, 401, /not valid/],
    ])('answers %s with a 4xx that says why', async (_what, body, status, about) => {
      expectError(await call(server.app, 'POST', '/v1/auth/redeem', { body }), status, about);
    });
  });

  it('refuses a device name with a NUL byte before using the code', async () => {
    const { code } = await invite(server.db, me.member.teamId, 'nul.device@example.com', 'sourcer');
    expectError(await call(server.app, 'POST', '/v1/auth/redeem', { body: { code, deviceName: 'my\u0000laptop' } }), 400, /deviceName/);
    // The code was not spent.
    const res = await call(server.app, 'POST', '/v1/auth/redeem', { body: { code, deviceName: 'my laptop' } });
    expect(res.status).toBe(200);
  });

  describe('CORS', () => {
    const extension = 'chrome-extension://abcdefghijklmnop';
    const preflight = (origin: string) =>
      raw(server.app, 'OPTIONS', '/v1/push', { headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });

    it.each([extension, 'moz-extension://0f3c3a5e-1e6b-4b0c-9a52-3c1d7e1a1f00'])('answers a preflight from %s, echoing its origin', async (origin) => {
      const res = await preflight(origin);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toMatch(/authorization/);
      expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
    });

    it('echoes an extension origin on a real request, and on an error', async () => {
      const ok = await raw(server.app, 'GET', '/v1/me', { headers: { origin: extension, authorization: `Bearer ${me.token}` } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('access-control-allow-origin')).toBe(extension);
      const refused = await raw(server.app, 'GET', '/v1/me', { headers: { origin: extension } });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('access-control-allow-origin')).toBe(extension);
    });

    it.each(['https://evil.example', 'chrome-extension://abc/evil', 'null', 'https://chrome-extension.evil.example'])('allows no origin to %s', async (origin) => {
      const pre = await preflight(origin);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      const res = await raw(server.app, 'GET', '/v1/me', { headers: { origin, authorization: `Bearer ${me.token}` } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('still answers a valid push and pull after all of the above', async () => {
    const noteId = ulid();
    const res = await pushOne('note.add', { id: noteId, prospectId, body: 'still fine', at: 10 });
    expect(res.status).toBe(200);
    expect((res.body as PushResponse).rejected).toEqual([]);
    const rows = await as(server.app, me).pullAll();
    expect(rows.filter((r) => r.kind === 'note').map((r) => (r.doc as { body: string }).body)).toContain('still fine');
  });
});
