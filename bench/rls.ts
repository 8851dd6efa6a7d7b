/**
 * The cost of row-level security: the statements the API runs for inventory, stats, sales and
 * orders, replayed on the same PostgreSQL data (a) as the table owner, which RLS does not bind
 * here (a superuser, as PostgreSQL's own tests do), and (b) as the app role with the tenant set by
 * SET LOCAL, exactly as Fluxion serves them. Goal: (b) at most 10 % slower. Then EXPLAIN of each
 * statement as the app role, to show the tenant_id indexes are used under the policy.
 *
 *   npm run bench:rls                          # full demo data, copied to a throw-away database
 *   npm run bench:rls -- --scale small --iterations 100
 *
 * Both paths use the same round trips per transaction: `BEGIN` (+ set_config, in the same
 * message for the app role), the statements, `COMMIT`. Iterations alternate between the two.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { PostgresStore } from '../src/store/postgres/store.js';
import { postgresUrls, withDatabase } from '../src/store/postgres/connection.js';
import { TENANT_SETTING } from '../src/store/postgres/security.js';
import type { SqlParam, Store, TenantDb } from '../src/store/types.js';
import type { DemoScale } from '../src/demo/index.js';
import { ADMIN_URL, build, prepareInstallation } from './support/installation.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'full' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    iterations: { type: 'string', default: '200' },
    tenant: { type: 'string', default: 'granja' },
  },
});
const iterations = Number(args.iterations);
const tenant = args.tenant;

interface Statement {
  sql: string;
  params: SqlParam[];
}

/** The store, with every statement of its tenant handles passed to `note` (tenant id as $1). */
function recording(store: Store, note: (s: Statement) => void): Store {
  const wrap = (db: TenantDb): TenantDb => ({
    ...db,
    all: (sql, params = []) => (note({ sql, params: [db.tenantId, ...params] }), db.all(sql, params)),
    get: (sql, params = []) => (note({ sql, params: [db.tenantId, ...params] }), db.get(sql, params)),
    tx: (fn) => db.tx((inner) => fn(wrap(inner))),
  });
  return Object.assign(Object.create(store) as Store, { forTenant: (id: string) => wrap(store.forTenant(id)) });
}

const ENDPOINTS = [
  { name: 'inventory', path: '/api/v1/inventory?limit=50' },
  { name: 'stats', path: '/api/v1/stats' },
  { name: 'sales', path: '/api/v1/sales?limit=50' },
  { name: 'orders', path: '/api/v1/orders?limit=50' },
];

async function record(url: string, key: string): Promise<Map<string, Statement[]>> {
  const store = await PostgresStore.open({ url, migrate: false, poolSize: 2 });
  const scripts = new Map<string, Statement[]>();
  let log: Statement[] = [];
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', FLUXION_PUBLIC_PROTOCOL: 'http', DATABASE_URL: url });
  const { app } = await buildApp({ config, store: recording(store, (s) => log.push(s)) });
  for (const e of ENDPOINTS) {
    log = [];
    const r = await app.inject({ method: 'GET', url: e.path, headers: { host: `${tenant}.localhost`, authorization: `Bearer ${key}` } });
    if (r.statusCode !== 200) throw new Error(`${e.path} answered ${r.statusCode}: ${r.body}`);
    // Reads only: the request's own bookkeeping (API key last-used) is not what RLS costs.
    scripts.set(e.name, log.filter((s) => /^\s*(SELECT|WITH)\b/i.test(s.sql)));
  }
  await app.close();
  await store.close();
  return scripts;
}

async function timeTx(client: pg.Client, begin: string, statements: Statement[]): Promise<number> {
  const t0 = performance.now();
  await client.query(begin);
  for (const s of statements) await client.query(s.sql, s.params);
  await client.query('COMMIT');
  return performance.now() - t0;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

async function main() {
  build();
  const inst = await prepareInstallation(args.scale as DemoScale, { keep: args.keep, reuse: args.reuse });
  try {
    const scripts = await record(inst.postgresUrl, inst.key);
    const ownerClient = new pg.Client({ connectionString: withDatabase(ADMIN_URL, new URL(inst.postgresUrl).pathname.slice(1)) });
    const appClient = new pg.Client({ connectionString: postgresUrls(inst.postgresUrl).app });
    await Promise.all([ownerClient.connect(), appClient.connect()]);
    const appBegin = `BEGIN; SELECT set_config('${TENANT_SETTING}', ${appClient.escapeLiteral(tenant)}, true)`;
    const ownerBegin = 'BEGIN; SELECT 1';
    const rows: Array<{ name: string; statements: number; owner: number; app: number; ownerP95: number; appP95: number }> = [];
    for (const e of ENDPOINTS) {
      const statements = scripts.get(e.name)!;
      for (let i = 0; i < Math.max(5, iterations / 10); i++) {
        await timeTx(ownerClient, ownerBegin, statements);
        await timeTx(appClient, appBegin, statements);
      }
      const owner: number[] = [];
      const app: number[] = [];
      process.stdout.write(`  ${e.name}: ${iterations} iterations × 2 …\n`);
      for (let i = 0; i < iterations; i++) {
        if (i % 2 === 0) {
          owner.push(await timeTx(ownerClient, ownerBegin, statements));
          app.push(await timeTx(appClient, appBegin, statements));
        } else {
          app.push(await timeTx(appClient, appBegin, statements));
          owner.push(await timeTx(ownerClient, ownerBegin, statements));
        }
      }
      rows.push({ name: e.name, statements: statements.length, owner: median(owner), app: median(app), ownerP95: p95(owner), appP95: p95(app) });
    }

    const pad = (s: string | number, n: number) => String(s).padStart(n);
    process.stdout.write(`\nMedian transaction time, ms (p95 in brackets), tenant ${tenant}:\n`);
    process.stdout.write(`${'endpoint'.padEnd(11)}${pad('stmts', 6)}${pad('owner, no RLS', 22)}${pad('app role + RLS', 22)}${pad('RLS cost', 10)}\n`);
    for (const r of rows) {
      const cost = (r.app / r.owner - 1) * 100;
      process.stdout.write(
        `${r.name.padEnd(11)}${pad(r.statements, 6)}${pad(`${r.owner.toFixed(2)} (${r.ownerP95.toFixed(2)})`, 22)}${pad(`${r.app.toFixed(2)} (${r.appP95.toFixed(2)})`, 22)}${pad(`${cost >= 0 ? '+' : ''}${cost.toFixed(1)} %`, 10)}${cost > 10 ? '  (above the 10 % goal)' : ''}\n`,
      );
    }

    process.stdout.write('\nPlans as the app role (tenant set): the access path of each statement\n');
    await appClient.query(appBegin);
    for (const e of ENDPOINTS) {
      for (const [i, s] of scripts.get(e.name)!.entries()) {
        const plan = (await appClient.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${s.sql}`, s.params)).rows.map((r) => r['QUERY PLAN']);
        const access = plan.filter((l) => /Index|Seq Scan|Bitmap/.test(l)).map((l) => l.trim().replace(/\s+\(cost=.*$/, ''));
        process.stdout.write(`  ${e.name} #${i + 1}: ${access.join('; ') || plan[0]}\n`);
      }
    }
    await appClient.query('ROLLBACK');
    await Promise.all([ownerClient.end(), appClient.end()]);
  } finally {
    await inst.cleanup();
  }
}

await main();
