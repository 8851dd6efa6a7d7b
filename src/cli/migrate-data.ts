/**
 * `fluxion migrate-data`: copy the installation in a DuckDB file into an empty PostgreSQL
 * database and verify the copy. It runs in this process, never through a server's admin socket:
 * the file must be one nobody is writing to, so a server using it is a reason to stop, said
 * plainly, not a lock error.
 */
import path from 'node:path';
import { storeOptions, type Config } from '../server/config.js';
import { DatabaseLockedError } from '../store/duckdb/store.js';
import { databaseFile } from '../store/open.js';
import { isPostgresUrl, postgresUrls, redactUrl } from '../store/postgres/connection.js';
import type { MigrateDataReport } from '../store/transfer/migrate-data.js';
import { CliError, EXIT } from './errors.js';
import { findServer } from './execute.js';
import { lockHolder } from './lock.js';
import { createProgress } from './progress.js';

export interface MigrateDataFlags {
  from?: string;
  to?: string;
}

function targetUrls(config: Config, to: string | undefined) {
  const url = to ?? config.databaseUrl;
  if (!url) throw new CliError('Say where to copy to: --to postgres://<owner>@<host>/<database> (or set DATABASE_URL).', EXIT.usage);
  let valid = isPostgresUrl(url);
  try {
    new URL(url);
  } catch {
    valid = false;
  }
  if (!valid) throw new CliError(`--to must be a PostgreSQL URL such as postgres://fluxion@db.internal:5432/fluxion, not '${url.slice(0, 80)}'.`, EXIT.usage);
  // DATABASE_APP_URL / DATABASE_PLATFORM_URL belong to DATABASE_URL's database only.
  const own = !to || to === config.databaseUrl;
  const opts = storeOptions(config);
  return postgresUrls(url, own ? { app: opts.databaseAppUrl, platform: opts.databasePlatformUrl } : {});
}

/** Errors from the PostgreSQL driver that mean "cannot get there", as one line. */
function connectionProblem(err: unknown, target: string): string | undefined {
  const e = err as { code?: string; message?: string };
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'nothing accepts connections there',
    ENOTFOUND: 'the host name does not resolve',
    ETIMEDOUT: 'the connection timed out',
    '28P01': 'the password was refused',
    '28000': 'the server refused this role',
    '3D000': 'that database does not exist (create it first: CREATE DATABASE …)',
    '42501': 'the role lacks a privilege it needs (the --to role must own the database)',
  };
  const reason = e.code ? reasons[e.code] : undefined;
  return reason ? `Cannot use the PostgreSQL database ${target}: ${reason} (${e.message ?? e.code}).` : undefined;
}

export async function migrateDataCommand(config: Config, flags: MigrateDataFlags): Promise<MigrateDataReport> {
  const urls = targetUrls(config, flags.to);
  const from = path.resolve(flags.from ?? databaseFile(config.dataDir));
  const server = await findServer(config);
  if (server && path.resolve(server.database) === from) {
    throw new CliError(
      `A Fluxion server is running on ${config.dataDir} (pid ${server.pid}) and uses ${from}. Stop it first ` +
        '(Ctrl+C in its terminal, or kill -TERM <pid>): migrate-data copies a database nobody is writing to.',
    );
  }
  const { migrateData, TransferError } = await import('../store/transfer/index.js');
  const copying = createProgress({ label: 'Copying' });
  let verifying: ReturnType<typeof createProgress> | undefined;
  let stage = 'copy' as 'copy' | 'verify' | 'done';
  try {
    const report = await migrateData({
      from,
      to: urls,
      onCopyProgress: (phase, f) => copying.update(phase, f),
      onVerifyProgress: (phase, f) => {
        if (stage === 'copy') copying.done('Copied');
        stage = 'verify';
        verifying ??= createProgress({ label: 'Verifying' });
        verifying.update(phase, f);
      },
    });
    stage = 'done';
    verifying?.done(report.verify.ok ? 'Verified: source and target are equal' : 'Verified: the copy differs');
    return report;
  } catch (err) {
    if (stage === 'copy') copying.done('Copy stopped; the target is unchanged');
    if (stage === 'verify') verifying?.done('Verification stopped');
    if (err instanceof DatabaseLockedError) {
      const holder = await lockHolder(err.file);
      const who = holder.pid ? ` (pid ${holder.pid}${holder.program ? `, ${holder.program}` : ''})` : '';
      throw new CliError(
        `The database ${err.file} is in use by another process${who}. Stop the Fluxion server that uses it first: ` +
          'migrate-data copies a database nobody is writing to.',
      );
    }
    if (err instanceof TransferError) throw new CliError(err.message);
    const problem = connectionProblem(err, redactUrl(urls.owner));
    if (problem) throw new CliError(problem);
    throw err;
  }
}
