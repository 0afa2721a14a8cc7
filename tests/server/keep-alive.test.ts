import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { MAX_BODY_BYTES } from '@/server/http/app';
import { type Running, startServerOnCopy } from '../support/real-server';


const tooBig = JSON.stringify({ code: 'x'.repeat(MAX_BODY_BYTES + 10) });

/**
 * Finding 3: after an error answered before the body was read (a 413), the adapter cut the
 * connection 500 ms later, and the next request a keep-alive client sent on it died with
 * "other side closed".
 */
describe('keep-alive connections after a refused body (a real server)', () => {
  let dir: string;
  let running: Running;
  let base: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-keepalive-'));
    running = await startServerOnCopy({ PORT: '0', HOST: '127.0.0.1', TANDEM_DATA_DIR: dir, LOG_LEVEL: 'silent' }, { tarball: inject('pgliteMigrated') });
    base = `http://127.0.0.1:${running.port}`;
  });
  afterAll(async () => {
    await running.stop({ graceMs: 0 });
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetch (undici, keep-alive): the requests after a 413 are answered, whenever they come', async () => {
    for (const pause of [0, 100, 450, 0]) {
      const refused = await fetch(`${base}/v1/auth/redeem`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: tooBig });
      expect(refused.status).toBe(413);
      expect(await refused.json()).toEqual({ error: expect.stringMatching(/larger than 1 MB/) as unknown });
      expect(refused.headers.get('connection')).toBe('close');
      await new Promise((r) => setTimeout(r, pause));
      const next = await fetch(`${base}/healthz`);
      expect(next.status).toBe(200);
    }
  });

  it('node:http with one keep-alive socket: a 413, then a request, both answered', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, route: string, body?: string) =>
      new Promise<{ status: number; connection: string | undefined; text: string }>((resolve, reject) => {
        const req = request(`${base}${route}`, { method, agent, headers: body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, text }));
        });
        // The server answers before reading the body, so writing it may fail; the answer counts.
        req.on('error', reject);
        req.end(body);
      });
    try {
      for (let i = 0; i < 3; i++) {
        const refused = await send('POST', '/v1/auth/redeem', tooBig);
        expect(refused).toMatchObject({ status: 413, connection: 'close' });
        expect(await send('GET', '/healthz')).toMatchObject({ status: 200 });
        await new Promise((r) => setTimeout(r, 300));
        expect(await send('GET', '/healthz')).toMatchObject({ status: 200 });
      }
    } finally {
      agent.destroy();
    }
  });
});
