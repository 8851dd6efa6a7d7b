/**
 * `fluxion backup <dir>`, `fluxion restore <backup>` and `fluxion tenant restore <archive>`
 * (operations in backups.ts; formats in src/store/backup/).
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { RestoreReport } from '../store/backup/restore.js';
import type { TenantRestoreReport } from '../store/backup/tenant-restore.js';
import type { BackupSummary } from './backups.js';
import type { CommandName } from './operations.js';
import type { OffboardingCommandHelpers } from './offboarding-commands.js';
import { createProgress } from './progress.js';
import { table } from './render.js';

const n = (x: number) => x.toLocaleString('en-US');
const out = (text: string) => void process.stdout.write(`${text}\n`);
const note = (text: string) => void process.stderr.write(`${text}\n`);
const short = (hex: string) => `${hex.slice(0, 16)}…`;

export function renderBackup(r: BackupSummary): string {
  return [
    `Backup written to ${r.dir}`,
    `  ${n(r.total_rows)} rows of ${n(r.tenants.length)} tenants (${r.tenants.join(', ') || 'none'}) in ${r.tables.length} tables, one snapshot of the ${r.backend} database at ${r.created_at}`,
    `  ${n(r.bytes)} bytes in ${r.seconds.toFixed(1)} s; schema version ${r.schema_version}; manifest.json holds each file's SHA-256 and a checksum of its rows`,
    '',
    table(['TABLE', 'ROWS', 'BYTES', 'CHECKSUM'], r.tables.filter((t) => t.rows > 0).map((t) => [t.name, n(t.rows), n(t.bytes), short(t.checksum)])),
  ].join('\n');
}

export function renderRestore(r: RestoreReport): string {
  return [
    `Restored the backup of ${r.created_at} (${r.backup})`,
    `  ${n(r.total_rows)} rows of ${n(r.tenants.length)} tenants (${r.tenants.join(', ') || 'none'}) in ${r.tables.length} tables, in ${r.seconds.toFixed(1)} s`,
    '  Every file matched its SHA-256; every table\'s row count and checksum equal the backup\'s (checked before the commit).',
    '',
    table(['TABLE', 'ROWS', 'CHECKSUM', 'VERIFIED'], r.tables.filter((t) => t.rows > 0).map((t) => [t.name, n(t.rows), short(t.checksum), t.verified ? 'yes' : 'NO'])),
  ].join('\n');
}

export function renderTenantRestore(r: TenantRestoreReport): string {
  return [
    `Restored tenant ${r.tenant_id} (${r.name}) from ${r.archive}, exported ${r.exported_at}`,
    `  ${n(r.total_rows)} rows in ${r.tables.length} tables, in ${r.seconds.toFixed(1)} s; every file matched its SHA-256 and every table its row count`,
    `  Its address answers again. The platform audit trail records the restore (tenant.restored).`,
    '',
    table(['TABLE', 'ROWS', 'CHECKSUM'], r.tables.filter((t) => t.rows > 0).map((t) => [t.name, n(t.rows), short(t.checksum)])),
  ].join('\n');
}

async function runWithProgress<C extends 'backup' | 'restore' | 'tenant.restore'>(
  h: OffboardingCommandHelpers,
  cmd: Command,
  command: C,
  args: { dir: string } | { archive: string },
  label: string,
  render: (r: never) => string,
): Promise<void> {
  const config = h.configFor(cmd);
  const { execute, findServer } = await import('./execute.js');
  const server = await findServer(config);
  const progress = createProgress({ label });
  if (server) note(`${label} through the running server (pid ${server.pid})…`);
  let result;
  try {
    result = await execute(command as CommandName, args as never, { config, onProgress: (p, f) => progress.update(p, f) });
  } catch (err) {
    if (!server) progress.done(`${label}: stopped, nothing written`);
    throw err;
  }
  if (result.via === 'direct') progress.done(`${label}: done`);
  else h.viaNote(result.server);
  out(h.json(cmd) ? JSON.stringify(result.result, null, 2) : render(result.result as never));
}

export function addBackupCommands(program: Command, tenant: Command, h: OffboardingCommandHelpers): void {
  program
    .command('backup')
    .description('write a consistent backup of the whole installation (every tenant, platform tables, audit trails) into a new directory inside <dir>')
    .argument('<dir>', 'an existing directory; the backup is fluxion-backup-<UTC time>/ inside it')
    .addHelpText(
      'after',
      `
Runs while the server serves: every table is read in one snapshot, so the backup is the database
as of one instant (stock and its ledger, orders and their lines agree). Each table is a CSV file;
manifest.json holds the schema version, each file's SHA-256 and a checksum of its rows. A backup
never overwrites another; a directory that exists is a whole backup.

Examples:
  $ fluxion backup /var/backups/fluxion
  $ fluxion restore /var/backups/fluxion/fluxion-backup-20261128T210000Z --data-dir /srv/fluxion-restored`,
    )
    .action((dir: string, _opts: unknown, cmd: Command) => runWithProgress(h, cmd, 'backup', { dir: path.resolve(dir) }, 'Backing up', renderBackup as (r: never) => string));

  program
    .command('restore')
    .description('restore a backup into an empty database (a new data directory, or a new PostgreSQL database), verified before it commits')
    .argument('<backup>', 'the fluxion-backup-<UTC time> directory that fluxion backup wrote')
    .addHelpText(
      'after',
      `
Checks every file against its SHA-256 first, then loads every table in one transaction and
compares each table's row count and checksum with the backup's before committing: a restore is
whole or leaves the database as it was. The database must be at the backup's schema version and
hold no data (restore never merges). With DuckDB, give a new data directory; with PostgreSQL, set
DATABASE_URL to a new, empty database.

Examples:
  $ fluxion --data-dir /srv/fluxion-new migrate
  $ fluxion --data-dir /srv/fluxion-new restore /var/backups/fluxion/fluxion-backup-20261128T210000Z`,
    )
    .action((dir: string, _opts: unknown, cmd: Command) => runWithProgress(h, cmd, 'restore', { dir: path.resolve(dir) }, 'Restoring', renderRestore as (r: never) => string));

  tenant
    .command('restore')
    .description('bring one tenant back from its export (fluxion tenant export) into this installation, beside the others')
    .argument('<archive>', 'the .tar.gz that fluxion tenant export wrote')
    .addHelpText(
      'after',
      `
The tenant must not exist here (after a deletion, or on another installation). The archive is
checked whole first (every file's SHA-256, the schema version), then every table is loaded in one
transaction, accepting rows of that tenant only; row counts must equal the export's. Other
tenants are not touched. Recorded in the platform audit trail (tenant.restored).

Examples:
  $ fluxion tenant restore /backups/acme-20261128T120000Z.tar.gz`,
    )
    .action((archive: string, _opts: unknown, cmd: Command) =>
      runWithProgress(h, cmd, 'tenant.restore', { archive: path.resolve(archive) }, 'Restoring tenant', renderTenantRestore as (r: never) => string),
    );
}
