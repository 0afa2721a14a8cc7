import type { TestProject } from 'vitest/node';
import { pgliteTarballs } from '../../support/pglite-template';
import { startCluster } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    /** Tarballs of a new PGlite database, before and after the migrations. */
    pgliteEmpty: string;
    pgliteMigrated: string;
  }
}

/** One Postgres for the whole server run (TEST_DATABASE_URL, or a throwaway cluster), and a new PGlite database to copy. */
export default async function setup(project: TestProject) {
  const [templates, cluster] = await Promise.all([pgliteTarballs(), process.env.TEST_DATABASE_URL ? null : startCluster()]);
  project.provide('pgliteEmpty', templates.empty);
  project.provide('pgliteMigrated', templates.migrated);
  project.provide('postgresUrl', cluster?.url ?? process.env.TEST_DATABASE_URL!);
  return () => {
    templates.remove();
    cluster?.stop();
  };
}
