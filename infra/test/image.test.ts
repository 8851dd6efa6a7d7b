/**
 * The task definition against the image it runs and the server inside it: the repository's
 * Dockerfile (read with test/deploy/dockerfile.ts, the reader the app's image test uses) and the
 * server's embedded-metric code. The image itself is run by test/deploy/image.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { CONTAINER_PORT, DATA_DIR, HEALTHCHECK_COMMAND, METRICS_NAMESPACE, NODE_UID } from '../lib/app-stack.js';
import { only, synth } from './support.js';

const REPO = path.join(__dirname, '..', '..');
type Reader = typeof import('../../test/deploy/dockerfile.js');
let reader: Reader;
let final: ReturnType<Reader['readDockerfile']>['final'];

beforeAll(async () => {
  // Dynamic import: the reader is an ES module of the app's package; this package is CommonJS.
  reader = await import('../../test/deploy/dockerfile.js');
  final = reader.readDockerfile(path.join(REPO, 'Dockerfile')).final;
});

const container = (mode: 'duckdb' | 'postgres') => only(synth(mode === 'postgres' ? { mode } : {}).appTemplate, 'AWS::ECS::TaskDefinition').Properties.ContainerDefinitions[0];
const taskEnv = (mode: 'duckdb' | 'postgres'): Record<string, unknown> => Object.fromEntries(container(mode).Environment.map((e: { Name: string; Value: unknown }) => [e.Name, e.Value]));

describe('the task definition agrees with the Dockerfile', () => {
  test('the ECS health check is the image\'s HEALTHCHECK command', () => {
    expect(reader.last(final, 'HEALTHCHECK')!.exec).toEqual(HEALTHCHECK_COMMAND);
  });

  test('the container port is the image\'s EXPOSE and PORT', () => {
    expect(reader.instructions(final, 'EXPOSE').map((i) => i.args)).toEqual([String(CONTAINER_PORT)]);
    expect(final.env.PORT).toBe(String(CONTAINER_PORT));
  });

  test('the data directory (EFS mount point) is the image\'s FLUXION_DATA_DIR, owned by the image\'s user, whose uid the access point uses', () => {
    expect(final.env.FLUXION_DATA_DIR).toBe(DATA_DIR);
    expect(final.user).toBe('node');
    // uid 1000 is `node` in the official Node images the Dockerfile builds on.
    expect(final.from).toMatch(/^node:\d+-/);
    expect(NODE_UID).toBe('1000');
  });

  test.each(['duckdb', 'postgres'] as const)('%s: every variable the image sets and the task repeats has the same value', (mode) => {
    const env = taskEnv(mode);
    for (const [k, v] of Object.entries(final.env)) if (k in env) expect(env[k], k).toBe(v);
  });

  test('postgres mode connects with sslmode=verify-full: the image gives Node the RDS certificate authorities', () => {
    expect(final.env.NODE_EXTRA_CA_CERTS).toMatch(/rds/);
    expect(JSON.stringify(taskEnv('postgres').DATABASE_URL)).toContain('sslmode=verify-full');
  });
});

describe('per-tenant metrics agree with the server', () => {
  const source = fs.readFileSync(path.join(REPO, 'src/server/features/metrics/cloudwatch.ts'), 'utf8');

  test('the namespace is the one the server writes in its embedded-metric log lines', () => {
    expect(source).toContain(`export const EMF_NAMESPACE = '${METRICS_NAMESPACE}';`);
    expect(METRICS_NAMESPACE).toBe('Fluxion/Tenants');
  });

  test('`on` publishes TenantId × Endpoint and `tenant` TenantId alone, the dimensions the dashboard searches', () => {
    expect(source).toContain("Dimensions: [mode === 'on' ? ['TenantId', 'Endpoint'] : ['TenantId']]");
    for (const metric of ['APIRequests', 'Latency', 'ServerErrors']) expect(source).toContain(`Name: '${metric}'`);
  });
});
