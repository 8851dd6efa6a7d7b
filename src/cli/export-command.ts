/**
 * `fluxion export <kind> --tenant <id> [--format csv|parquet] [--out FILE] [--filter key=value …]`:
 * one list of a tenant as CSV or Parquet, the same file `GET /api/v1/exports/<kind>` sends.
 *
 * The operation (exports.ts) always writes a file, because the admin socket cannot stream: with
 * --out that file is the target (progress on stderr); without it, a private temporary file that
 * is copied to stdout and removed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Config } from '../server/config.js';
import type { AdminStatus } from '../server/admin-socket/protocol.js';
import { EXPORT_FORMATS, EXPORT_KINDS, type ExportFormat, type ExportKind } from '../server/features/exports/kinds.js';
import { CliError, EXIT } from './errors.js';
import type { ListExportResult } from './exports.js';
import { createProgress } from './progress.js';

export interface ExportCommandHelpers {
  configFor(cmd: Command): Config;
  json(cmd: Command): boolean;
  viaNote(server: AdminStatus): void;
}

function collectFilter(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('expected key=value, e.g. store_id=… or from=2026-01-01.');
  const key = value.slice(0, eq).trim();
  if (Object.hasOwn(previous, key)) throw new InvalidArgumentError(`'${key}' is given twice.`);
  return { ...previous, [key]: value.slice(eq + 1) };
}

export function renderListExport(r: ListExportResult): string {
  return `Exported ${r.rows.toLocaleString('en-US')} ${r.kind} rows of ${r.tenant_id} to ${r.file} (${r.format}, ${r.bytes.toLocaleString('en-US')} bytes)`;
}

interface ExportFlags {
  tenant: string;
  format: ExportFormat;
  out?: string;
  filter: Record<string, string>;
}

export function addExportCommand(program: Command, h: ExportCommandHelpers): void {
  program
    .command('export')
    .description('write one list of a tenant (inventory, movements, sales, orders, products, stores, suppliers) as CSV or Parquet')
    .addArgument(program.createArgument('<kind>', 'what to export').choices(EXPORT_KINDS))
    .requiredOption('--tenant <id>', 'tenant id')
    .addOption(new Option('--format <format>', 'csv (UTF-8 with BOM) or parquet (typed columns)').choices(EXPORT_FORMATS).default('csv'))
    .option('-o, --out <file>', 'file to write (never overwritten); default: standard output')
    .option('--filter <key=value>', "one of the list's filters, as in its URL (repeatable)", collectFilter, {})
    .addHelpText(
      'after',
      `
The rows are those GET /api/v1/<list> gives for the same filters, all pages, in its order; the
columns are its fields (nested ones as parent_child). Filters are the list's query parameters and
are checked as the API checks them. CSV is RFC 4180 with CRLF line ends and a UTF-8 byte-order
mark; text a spreadsheet would run as a formula (= + - @ first) gets a leading apostrophe.

Examples:
  $ fluxion export sales --tenant granja --filter from=2026-01-01 --filter to=2026-01-31 > enero.csv
  $ fluxion export inventory --tenant granja --filter low_stock=true --out /tmp/low-stock.csv
  $ fluxion export products --tenant granja --format parquet --out productos.parquet`,
    )
    .action(async (kind: ExportKind, opts: ExportFlags, cmd: Command) => {
      if (!opts.out && opts.format === 'parquet' && process.stdout.isTTY) {
        throw new CliError('Parquet is binary: give --out FILE or redirect standard output to a file.', EXIT.usage);
      }
      const config = h.configFor(cmd);
      const { execute, findServer } = await import('./execute.js');
      const toStdout = !opts.out;
      // Without --out the operation writes into a directory only this user can read, then it is copied out.
      const temp = toStdout ? fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-export-')) : undefined;
      const target = temp ? path.join(temp, `export.${opts.format}`) : path.resolve(opts.out!);
      try {
        const server = await findServer(config);
        const progress = toStdout ? undefined : createProgress({ label: `Exporting ${kind} of ${opts.tenant}` });
        let result;
        try {
          result = await execute(
            'export',
            { kind, tenant: opts.tenant, format: opts.format, out: target, filters: opts.filter },
            { config, ...(progress ? { onProgress: (p: string, f: number) => progress.update(p, f) } : {}) },
          );
        } catch (err) {
          if (progress && !server) progress.done(`Export of ${kind}: stopped`);
          throw err;
        }
        if (toStdout) {
          await pipeline(fs.createReadStream(target), process.stdout, { end: false });
          return;
        }
        if (result.via === 'direct') progress?.done(`Exported ${kind} of ${opts.tenant}`);
        else h.viaNote(result.server);
        process.stdout.write(`${h.json(cmd) ? JSON.stringify(result.result, null, 2) : renderListExport(result.result)}\n`);
      } finally {
        if (temp) fs.rmSync(temp, { recursive: true, force: true });
      }
    });
}
