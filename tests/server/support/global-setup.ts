import type { TestProject } from 'vitest/node';
import { makePgliteTemplate } from '../../support/pglite-template';
import { startCluster } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    pgliteTemplate: string;
  }
}

/** One Postgres for the whole server run (TEST_DATABASE_URL, or a throwaway cluster) and one migrated PGlite to copy. */
export default async function setup(project: TestProject) {
  const [template, cluster] = await Promise.all([makePgliteTemplate(), process.env.TEST_DATABASE_URL ? null : startCluster()]);
  project.provide('pgliteTemplate', template.tarball);
  project.provide('postgresUrl', cluster?.url ?? process.env.TEST_DATABASE_URL!);
  return () => {
    template.remove();
    cluster?.stop();
  };
}
