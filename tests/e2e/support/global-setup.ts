import type { TestProject } from 'vitest/node';
import { migratedPgliteFolder } from '../../support/pglite-template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/** One migrated PGlite folder for the run, copied into each team server's data folder (team-server.ts). */
export default async function setup(project: TestProject) {
  const template = await migratedPgliteFolder();
  project.provide('pgliteTemplate', template.path);
  return () => template.remove();
}
