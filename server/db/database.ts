import type { CopyValue } from './copy-text';

/** The SQL the server needs from a database, the same on embedded PGlite and on Postgres. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Appends rows with COPY, where the driver takes COPY's input with the call (PGlite, where it
   * writes rows a third faster than an INSERT of the same rows); absent elsewhere: the caller
   * INSERTs. Every row must be new (a conflict fails the statement). `table` and `columns` are
   * the caller's own names, never input.
   */
  copyRows?(table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<void>;
}

export interface ListenHandlers {
  onNotify: (channel: string, payload: string) => void;
  onGap?: () => void;
  onError?: (error: unknown) => void;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` for every NOTIFY on `channels` (listening once this resolves). On Postgres
   * the listening connection is made again, with backoff, when it is lost (`onError` hears why
   * each attempt failed); `onGap` is called once it is back, since notifications sent meanwhile
   * are gone. Resolves to the function that stops listening.
   */
  listen(channels: string[], handlers: ListenHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A unique constraint refused the write (SQLSTATE 23505): on both drivers the error's `code`. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}
