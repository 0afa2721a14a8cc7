import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** What LinkedIn itself sends, roughly: no inline or foreign script, frames only from itself. */
export const STRICT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'";

export const SERVED_HOSTS = ['www.linkedin.com', 'se.linkedin.com', 'app.greenhouse.io', 'hire.lever.co', 'app.ashbyhq.com', 'acme.workable.com'];

export interface Route {
  /** e.g. https://www.linkedin.com/in/robertkcheung/ (query and hash ignored). */
  url: string;
  body: string | Buffer;
  contentType?: string;
  /** Answer this much later: a slow image, say, holds the page's load event as a real page's do. */
  delayMs?: number;
}

export interface FixtureServer {
  port: number;
  /** Chromium flag that sends the served host names to this server. */
  hostResolverRules: string;
  route(route: Route): void;
  close(): Promise<void>;
}

function selfSignedCertificate() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-cert-'));
  const san = ['DNS:localhost', 'IP:127.0.0.1', ...SERVED_HOSTS.map((h) => `DNS:${h}`)].join(',');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-subj', '/CN=www.linkedin.com', '-addext', `subjectAltName=${san}`, '-keyout', 'key.pem', '-out', 'cert.pem'],
    { cwd: dir, stdio: 'ignore' },
  );
  const cert = { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
  rmSync(dir, { recursive: true, force: true });
  return cert;
}

const keyOf = (url: URL) => `${url.host}${url.pathname}`;

/** Serves saved pages over HTTPS as if from LinkedIn, under a strict Content-Security-Policy. */
export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, Route>();
  const server: Server = createServer(selfSignedCertificate(), (req, res) => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'www.linkedin.com'}`);
    const route = routes.get(keyOf(url));
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain', 'content-security-policy': STRICT_CSP });
      res.end('not found');
      return;
    }
    const answer = () => {
      res.writeHead(200, {
        'content-type': route.contentType ?? 'text/html; charset=utf-8',
        'content-security-policy': STRICT_CSP,
        'cache-control': 'no-store',
      });
      res.end(route.body);
    };
    if (route.delayMs) setTimeout(answer, route.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hostResolverRules: `${SERVED_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(',')},EXCLUDE localhost`,
    route: (r) => routes.set(keyOf(new URL(r.url)), r),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
