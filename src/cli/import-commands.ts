/**
 * `fluxion import <kind> <file> --tenant <id>`: a data file into a tenant, all or nothing, with a
 * progress bar and a summary (counts, rejected rows with line, column, value and reason). Exits 1
 * when the import failed (nothing was written).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { ImportView } from '../server/features/imports/schema.js';
import type { OffboardingCommandHelpers } from './offboarding-commands.js';
import { createProgress } from './progress.js';
import { table } from './render.js';

const n = (x: number) => x.toLocaleString('en-US');
const SHOWN = 20;

export function renderImport(v: ImportView): string {
  const r = v.rows;
  const lines = [
    `${v.dry_run ? 'Dry run of' : 'Import of'} ${v.file_name} as ${v.kind}: ${v.status === 'succeeded' ? (v.dry_run ? 'would succeed (nothing written)' : 'done') : 'FAILED, nothing written'}`,
    `  ${v.format ?? '?'}${v.format === 'csv' ? `, ${v.encoding}, delimiter '${v.delimiter === '\t' ? '\\t' : v.delimiter}'` : ''}${v.detected ? `, decimal ${v.detected.decimal}, dates ${v.detected.date_order}` : ''}, ${n(v.size_bytes)} bytes, sha256 ${v.checksum ?? '?'}`,
  ];
  if (r) {
    lines.push(`  rows ${n(r.total)}: ${n(r.inserted)} new, ${n(r.updated)} updated, ${n(r.unchanged)} unchanged, ${n(r.rejected)} rejected` + (r.created_references ? `, ${n(r.created_references)} references created` : ''));
  }
  for (const [k, x] of Object.entries(v.extra)) lines.push(`  ${k.replaceAll('_', ' ')}: ${n(x)}`);
  if (v.duration_ms !== null) lines.push(`  ${(v.duration_ms / 1000).toFixed(2)} s${r && v.duration_ms > 0 ? `, ${n(Math.round(r.total / (v.duration_ms / 1000)))} rows/s` : ''}`);
  if (v.error) lines.push('', `${v.error.error}: ${v.error.message}`);
  const reasons = Object.entries(v.reasons);
  if (reasons.length > 0) {
    lines.push('', table(['REASON', 'ROWS'], reasons.sort((a, b) => b[1] - a[1]).map(([k, x]) => [k, n(x)])));
    lines.push('', table(['LINE', 'COLUMN', 'VALUE', 'REASON'], v.rejections.slice(0, SHOWN).map((x) => [String(x.line), x.column ?? '', (x.value ?? '').slice(0, 40), x.message])));
    if (v.rejections.length > SHOWN) lines.push(`  … ${n(v.rejections.length - SHOWN)} more kept (first 1,000): fluxion --json import … shows them all.`);
  }
  return lines.join('\n');
}

export function addImportCommand(program: Command, h: OffboardingCommandHelpers): void {
  program
    .command('import')
    .description('import a CSV or Parquet file into a tenant: stores, suppliers, products, inventory, sales or exchange_rates')
    .argument('<kind>', 'stores | suppliers | products | inventory | sales | exchange_rates')
    .argument('<file>', 'the CSV or Parquet file')
    .requiredOption('--tenant <id>', 'tenant id')
    .option('--dry-run', 'check and count everything, write nothing')
    .option('--create-unknown', 'create unknown products, stores and suppliers instead of rejecting their rows')
    .addOption(new Option('--decimal <style>', 'decimal separator (default: detected)').choices(['comma', 'dot']))
    .addOption(new Option('--date-order <order>', 'order of day, month and year in dates (default: detected)').choices(['dmy', 'mdy', 'ymd']))
    .option('--map <header=column...>', 'map a header to a column (column empty: ignore the header)')
    .addHelpText(
      'after',
      `
The file's format (CSV or Parquet), encoding (UTF-8, with or without BOM, or Windows-1252),
delimiter, decimal separator and date order are detected; headers are matched in Spanish or
English (fecha/date, producto/sku, cantidad/quantity, precio/price, tienda/store, …). Every row is
checked first: if any is rejected, nothing is written and the rejected rows are listed with their
line, column, value and reason. Importing the same file again adds nothing (rows are matched by
their natural key: sku, store code, ticket + line, …). Templates: GET /api/v1/imports/templates/<kind>.

Examples:
  $ fluxion import products productos.csv --tenant granja --dry-run
  $ fluxion import sales ventas-2026-11.csv --tenant granja
  $ fluxion import inventory conteo.parquet --tenant granja --create-unknown
  $ fluxion import sales pos.csv --tenant granja --map "Nro Doc=ticket" --map "Notas="`,
    )
    .action(async (kind: string, file: string, opts: { tenant: string; dryRun?: boolean; createUnknown?: boolean; decimal?: string; dateOrder?: string; map?: string[] }, cmd: Command) => {
      const config = h.configFor(cmd);
      const mapping = opts.map && Object.fromEntries(opts.map.map((m) => {
        const at = m.lastIndexOf('=');
        return at < 0 ? [m, null] : [m.slice(0, at), m.slice(at + 1) || null];
      }));
      const args = {
        tenant: opts.tenant,
        kind,
        file: path.resolve(file),
        dry_run: Boolean(opts.dryRun),
        ...(opts.createUnknown ? { unknown: 'create' } : {}),
        ...(mapping ? { mapping: JSON.stringify(mapping) } : {}),
        ...(opts.decimal ? { decimal: opts.decimal } : {}),
        ...(opts.dateOrder ? { date_order: opts.dateOrder } : {}),
      };
      const { execute, findServer } = await import('./execute.js');
      const server = await findServer(config);
      const progress = createProgress({ label: `Importing ${path.basename(file)}` });
      if (server) process.stderr.write(`Importing through the running server (pid ${server.pid})…\n`);
      let result;
      try {
        result = await execute('import', args, { config, onProgress: (p, f) => progress.update(p, f) });
      } catch (err) {
        if (!server) progress.done('Import stopped');
        throw err;
      }
      if (result.via === 'direct') progress.done(`${result.result.status === 'succeeded' ? 'Imported' : 'Checked'} ${path.basename(file)}`);
      else h.viaNote(result.server);
      process.stdout.write(`${h.json(cmd) ? JSON.stringify(result.result, null, 2) : renderImport(result.result)}\n`);
      if (result.result.status !== 'succeeded') process.exitCode = 1;
    });
}
