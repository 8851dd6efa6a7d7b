/**
 * `fluxion tenant export <id> [--out FILE]` and `fluxion tenant delete <id> --confirm <id>`: the
 * offboarding of a tenant from the command line (operations in offboarding.ts). Like every data
 * command they run in the running server when there is one (its admin socket), else on the
 * database directly.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../server/config.js';
import type { AdminStatus } from '../server/admin-socket/protocol.js';
import type { DeletionReport } from '../server/features/offboarding/service.js';
import type { RunAndPrint } from './account-commands.js';
import type { ExportResult } from './offboarding.js';
import { createProgress } from './progress.js';
import { table } from './render.js';

export interface OffboardingCommandHelpers {
  run: RunAndPrint;
  configFor(cmd: Command): Config;
  json(cmd: Command): boolean;
  viaNote(server: AdminStatus): void;
}

const n = (x: number) => x.toLocaleString('en-US');
const count = (x: number, what: string) => `${n(x)} ${what}${x === 1 ? '' : 's'}`;
const out = (text: string) => void process.stdout.write(`${text}\n`);
const note = (text: string) => void process.stderr.write(`${text}\n`);

export function renderExport(r: ExportResult): string {
  const tables = Object.entries(r.rows);
  return [
    `Exported tenant ${r.tenant_id} to ${r.file}`,
    `  ${count(r.total_rows, 'row')} from ${count(tables.length, 'table')} (CSV and Parquet each), schema version ${r.schema_version}`,
    `  ${n(r.bytes)} bytes, SHA-256 ${r.sha256}`,
    '',
    table(['TABLE', 'ROWS'], tables.map(([name, rows]) => [name, n(rows)])),
  ].join('\n');
}

export function renderDeletion(r: DeletionReport): string {
  const rows = Object.entries(r.deleted).filter(([, count]) => count > 0);
  return [
    `Deleted tenant ${r.tenant_id}: ${count(r.total_rows, 'row')} from ${count(rows.length, 'table')}.`,
    '',
    table(['TABLE', 'ROWS DELETED'], rows.map(([name, count]) => [name, n(count)])),
    '',
    `Its address no longer answers. The platform audit trail keeps the record of the deletion (tenant.deleted).`,
  ].join('\n');
}

export function addOffboardingCommands(tenant: Command, h: OffboardingCommandHelpers): void {
  tenant
    .command('export')
    .description('write a tenant\'s full export: every table of its data as CSV and Parquet, and a manifest, in one .tar.gz')
    .argument('<id>', 'tenant id')
    .option('-o, --out <path>', 'file to write, or a directory to write <id>-<UTC time>.tar.gz into (default: the current directory)')
    .addHelpText(
      'after',
      `
The archive holds a directory <id>-<UTC time>/ with <table>.csv (RFC 4180, header row) and
<table>.parquet (typed) for every table of the tenant's data and its own tenants row, and
manifest.json: row counts, columns, and a SHA-256 and size for every file. An existing file is
never overwritten. Suspend the tenant first when the export is the last step before deletion, so
nobody changes its data meanwhile. The export is recorded in the platform audit trail.

Examples:
  $ fluxion tenant suspend acme
  $ fluxion tenant export acme
  $ fluxion tenant export acme --out /backups/acme-final.tar.gz`,
    )
    .action(async (id: string, opts: { out?: string }, cmd: Command) => {
      const { checkTenantId } = await import('../server/features/tenants/service.js');
      checkTenantId(id);
      const config = h.configFor(cmd);
      const target = path.resolve(opts.out ?? '.');
      const { execute, findServer } = await import('./execute.js');
      const server = await findServer(config);
      const progress = createProgress({ label: `Exporting ${id}` });
      if (server) note(`Exporting ${id} through the running server (pid ${server.pid}); this can take a while…`);
      let result;
      try {
        result = await execute('tenant.export', { id, out: target }, { config, onProgress: (p, f) => progress.update(p, f) });
      } catch (err) {
        if (!server) progress.done(`Export of ${id}: stopped`);
        throw err;
      }
      if (result.via === 'direct') progress.done(`Exported ${id}`);
      else h.viaNote(result.server);
      out(h.json(cmd) ? JSON.stringify(result.result, null, 2) : renderExport(result.result));
    });

  tenant
    .command('delete')
    .description('delete a suspended tenant and every row of its data; --confirm takes its id again')
    .argument('<id>', 'tenant id')
    .requiredOption('--confirm <id>', 'the tenant id, typed again to confirm')
    .addHelpText(
      'after',
      `
Only a suspended tenant is deleted: suspend it and take its export first. Every row of the tenant
goes from every table of tenant data (users, sessions, API keys, sales, stock, orders, logo, …),
then the tenant itself; its address answers "unknown company" at once. This cannot be undone.
The platform audit trail keeps the record of the deletion.

Examples:
  $ fluxion tenant suspend acme
  $ fluxion tenant export acme --out /backups/
  $ fluxion tenant delete acme --confirm acme`,
    )
    .action((id: string, opts: { confirm: string }, cmd: Command) => h.run(cmd, 'tenant.delete', { id, confirm: opts.confirm }, renderDeletion));
}
