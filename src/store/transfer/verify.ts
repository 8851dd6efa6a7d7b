/**
 * Did the copy arrive whole? Per tenant and per table (tables without tenant_id as one 'platform'
 * group), rows are read through the Store port on both sides — on PostgreSQL through the serving
 * roles, under row-level security — and counted and hashed the same way: SHA-256 of each row's
 * canonical JSON (keys sorted), the hashes added up modulo 2^256 (RowSum). Both adapters return the same
 * plain JSON values, so equal data gives equal sums; one changed, missing or extra row changes
 * the sum. The sum does not depend on the order rows arrive in, so the two databases' text
 * collations cannot make equal data look different.
 */
import crypto from 'node:crypto';
import type { Queryable, Row, Store } from '../types.js';
import { column, keysetPages } from './pages.js';
import { quoteIdent, TENANTS_TABLE, type TableSchema, type TransferSchema } from './schema.js';
import type { Progress } from './copy.js';

export const PLATFORM_GROUP = 'platform';
/** Rows of tenant tables whose tenant_id is in no tenants row. */
export const ORPHAN_GROUP = '(no tenant)';

export interface Digest {
  rows: number;
  /** 64 hex digits; equal data, equal checksum. */
  checksum: string;
}

export interface VerifyRow {
  /** A tenant id, PLATFORM_GROUP or ORPHAN_GROUP. */
  group: string;
  table: string;
  source: Digest;
  target: Digest;
  equal: boolean;
}

export interface VerifyReport {
  ok: boolean;
  rows: VerifyRow[];
  /** Rows read from each side. */
  sourceRows: number;
  seconds: number;
}

export interface VerifyOptions {
  /** Only these tenants (default: every tenant on either side). */
  tenants?: readonly string[];
  /** Include the platform group (default true). */
  platform?: boolean;
  pageSize?: number;
  onProgress?: Progress;
}

/** JSON with object keys sorted at every depth. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * An order-independent sum of row hashes, modulo 2^256. Each SHA-256 is added as sixteen 16-bit
 * lanes into doubles, exact up to 2^37 rows, and the lanes are carried into one number at the end:
 * the same sum as adding the hashes as 256-bit integers, without a big integer per row.
 */
export class RowSum {
  private readonly lanes = new Float64Array(16);
  rows = 0;

  /** Rows of one query result: they share their columns, so the key order is worked out once. */
  addPage(rows: readonly Row[]): void {
    if (rows.length === 0) return;
    const keys = Object.keys(rows[0]!).sort();
    const names = keys.map((k, i) => `${i === 0 ? '{' : ','}${JSON.stringify(k)}:`);
    for (const row of rows) {
      let json = '';
      for (let i = 0; i < keys.length; i++) {
        const v = row[keys[i]!];
        json += names[i]! + (v !== null && typeof v === 'object' ? canonicalJson(v) : (JSON.stringify(v) ?? 'null'));
      }
      this.addHash(crypto.hash('sha256', `${json}}`, 'buffer'));
    }
  }

  private addHash(hash: Buffer): void {
    for (let i = 0; i < 16; i++) this.lanes[i]! += hash.readUInt16BE(i * 2);
    this.rows++;
  }

  /** 64 hex digits. */
  hex(): string {
    let sum = 0n;
    for (let i = 0; i < 16; i++) sum += BigInt(this.lanes[i]!) << BigInt(16 * (15 - i));
    return (sum % (1n << 256n)).toString(16).padStart(64, '0');
  }
}

async function digest(db: Queryable, table: TableSchema, tenantFilter: boolean, pageSize: number, onRows: (n: number) => void): Promise<Digest> {
  const sum = new RowSum();
  const pages = keysetPages({
    db,
    table: table.name,
    key: tenantFilter ? table.primaryKey.filter((k) => k !== 'tenant_id') : table.primaryKey,
    select: [`${quoteIdent(table.name)}.*`],
    ...(tenantFilter ? { where: { sql: `${column(table.name, 'tenant_id')} = $1`, params: 1 } } : {}),
    pageSize,
  });
  for await (const page of pages) {
    sum.addPage(page);
    onRows(page.length);
  }
  return { rows: sum.rows, checksum: sum.hex() };
}

async function tenantIds(store: Store): Promise<string[]> {
  return (await store.platform.all(`SELECT id FROM ${TENANTS_TABLE} ORDER BY id`)).map((r) => String(r.id));
}

async function orphans(store: Store, table: TableSchema): Promise<number> {
  const row = await store.platform.get(`SELECT count(*) AS n FROM ${quoteIdent(table.name)} WHERE tenant_id NOT IN (SELECT id FROM ${TENANTS_TABLE})`);
  return Number(row?.n ?? 0);
}

/** Compare `source` and `target` table by table and group by group. */
export async function verifyTransfer(source: Store, target: Store, schema: TransferSchema, options: VerifyOptions = {}): Promise<VerifyReport> {
  const started = performance.now();
  const pageSize = options.pageSize ?? 20_000;
  const progress = options.onProgress ?? (() => undefined);
  const tenants = options.tenants ? [...options.tenants] : [...new Set([...(await tenantIds(source)), ...(await tenantIds(target))])].sort();
  const platformTables = options.platform === false ? [] : schema.tables.filter((t) => !t.tenantScoped);
  const tenantTables = schema.tables.filter((t) => t.tenantScoped);

  const jobs: Array<{ group: string; table: TableSchema }> = [
    ...platformTables.map((table) => ({ group: PLATFORM_GROUP, table })),
    ...tenants.flatMap((group) => tenantTables.map((table) => ({ group, table }))),
  ];
  // Progress counts source rows; the total comes from plain counts, read once.
  let total = 0;
  for (const t of [...platformTables, ...tenantTables]) total += Number((await source.platform.get(`SELECT count(*) AS n FROM ${quoteIdent(t.name)}`))?.n ?? 0);
  let done = 0;

  const rows: VerifyRow[] = [];
  for (const { group, table } of jobs) {
    // One phase per group: off a terminal every phase is a line of its own.
    const phase = `verifying ${group === PLATFORM_GROUP ? 'the platform tables' : `tenant ${group}`}`;
    progress(phase, total === 0 ? 1 : done / total);
    const handle = (store: Store): Queryable => (group === PLATFORM_GROUP ? store.platform : store.forTenant(group));
    const tenantFilter = group !== PLATFORM_GROUP;
    const [s, t] = await Promise.all([
      digest(handle(source), table, tenantFilter, pageSize, (n) => {
        done += n;
        progress(phase, total === 0 ? 1 : Math.min(1, done / total));
      }),
      digest(handle(target), table, tenantFilter, pageSize, () => undefined),
    ]);
    rows.push({ group, table: table.name, source: s, target: t, equal: s.rows === t.rows && s.checksum === t.checksum });
  }
  if (!options.tenants) {
    for (const table of tenantTables) {
      const [s, t] = await Promise.all([orphans(source, table), orphans(target, table)]);
      if (s > 0 || t > 0) {
        rows.push({ group: ORPHAN_GROUP, table: table.name, source: { rows: s, checksum: '' }, target: { rows: t, checksum: '' }, equal: s === t });
      }
    }
  }
  progress('verified', 1);
  return { ok: rows.every((r) => r.equal), rows, sourceRows: done, seconds: (performance.now() - started) / 1000 };
}
