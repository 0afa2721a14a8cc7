import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The server's data folder, private to this user: made 0700 when missing; an existing one that
 * group or others can enter is refused, since what is already in it has been exposed and the
 * person running the server should know. Everything the process writes from now on is private too
 * (umask 077; process-wide, which a server that keeps team data wants anyway).
 */
export function privateFolder(dir: string): void {
  if (existsSync(dir)) {
    const mode = statSync(dir).mode & 0o777;
    if ((mode & 0o077) !== 0) throw new Error(`the data folder ${dir} can be read by other users (mode ${mode.toString(8)}); make it private with: chmod -R go-rwx ${dir}`);
  } else {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  process.umask(0o077);
}

/**
 * Folders 0700 and files 0600 under `dir`: PGlite unpacks its cluster files 0666 whatever the
 * umask. Links are left alone (chmod would follow them out of the folder).
 */
export function makePrivate(dir: string): void {
  const stack = [dir];
  while (stack.length > 0) {
    const p = stack.pop()!;
    const st = lstatSync(p);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) {
      if ((st.mode & 0o777) !== 0o700) chmodSync(p, 0o700);
      for (const name of readdirSync(p)) stack.push(path.join(p, name));
    } else if ((st.mode & 0o077) !== 0) {
      chmodSync(p, st.mode & 0o700);
    }
  }
}
