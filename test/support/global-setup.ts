// Vitest global setup: one PostgreSQL cluster for the whole run; each test file makes its own databases.
import type { TestProject } from 'vitest/node';
import { startCluster, type Cluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

let cluster: Cluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  cluster = await startCluster();
  project.provide('pgAdminUrl', cluster.url);
}

export async function teardown(): Promise<void> {
  cluster?.stop();
}
