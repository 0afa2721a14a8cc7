import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  TANDEM_DATA_DIR: z.string().default('./.tandem-data'),
  TANDEM_ADMIN_SECRET: z.string().min(16).optional(),
});

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new Error(`bad server settings: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  return { port: e.PORT, host: e.HOST, databaseUrl: e.DATABASE_URL, dataDir: path.resolve(e.TANDEM_DATA_DIR) };
}

/**
 * The admin routes' secret: TANDEM_ADMIN_SECRET, or a random one kept in the data folder
 * (readable by this machine's user only), where the admin CLI finds it.
 */
export function adminSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env, { create }: { create: boolean }): string | undefined {
  if (env.TANDEM_ADMIN_SECRET) return env.TANDEM_ADMIN_SECRET;
  const file = path.join(dataDir, 'admin.secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (!create) return undefined;
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
