/**
 * The `fluxion` command line: serve, migrate, tenant …, demo, and the account commands (user,
 * admin, apikey: account-commands.ts). Commands that touch data go through `execute()`, which
 * picks the running server's admin socket or the database file itself.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError, describeConfig, loadConfig, type Config } from '../server/config.js';
import { AppError } from '../server/errors.js';
import { FEATURES, PLANS } from '../server/features/tenants/schema.js';
import type { DemoMode } from '../server/main.js';
import { FLUXION_VERSION } from '../server/version.js';
import { adminSocketPath, type AdminStatus } from '../server/admin-socket/protocol.js';
import { addAccountCommands } from './account-commands.js';
import { addOffboardingCommands } from './offboarding-commands.js';
import { addExportCommand } from './export-command.js';
import { addImportCommand } from './import-commands.js';
import { addForecastCommand } from './forecast-command.js';
import { addWebBundleCommand } from './web-bundle.js';
import { addBackupCommands } from './backup-commands.js';
import { CliError, demoForceWhileServing, EXIT } from './errors.js';
import type { ArgsOf, CommandName, ResultOf } from './operations.js';
import { createProgress } from './progress.js';
import * as render from './render.js';

interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
  debug?: boolean;
}

// The server, the database driver and the operations load only when a command needs them, so
// `--help` and usage errors answer at once.
const engine = () => import('./execute.js');

const out = (text: string) => void process.stdout.write(`${text}\n`);
const note = (text: string) => void process.stderr.write(`${text}\n`);

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  return Number(value);
}

const MAX_WORKERS = 64;

function parseWorkers(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_WORKERS) {
    throw new InvalidArgumentError(`expected a whole number of worker processes from 1 to ${MAX_WORKERS}.`);
  }
  return Number(value);
}

function parseList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

/** Configuration from the environment, with command-line flags taking the place of their variables. */
function configFor(cmd: Command, flags: { port?: number } = {}): Config {
  const env = { ...process.env };
  const g = globals(cmd);
  if (g.dataDir !== undefined) env.FLUXION_DATA_DIR = g.dataDir;
  if (flags.port !== undefined) env.PORT = String(flags.port);
  return loadConfig(env);
}

function viaNote(server: AdminStatus): void {
  note(`(done by the Fluxion server running on this data directory, pid ${server.pid})`);
}

/** Run one operation and print its result: as JSON with --json, else through `text`. */
async function runAndPrint<C extends CommandName>(cmd: Command, command: C, args: ArgsOf<C>, text: (r: ResultOf<C>) => string): Promise<void> {
  const config = configFor(cmd);
  const { execute } = await engine();
  const done = await execute(command, args, { config });
  if (done.via === 'server') viaNote(done.server);
  out(globals(cmd).json ? JSON.stringify(done.result, null, 2) : text(done.result));
}

async function serve(cmd: Command, mode: DemoMode, flags: { port?: number; workers?: number }): Promise<void> {
  const config = configFor(cmd, flags);
  // A worker of `--workers N` runs this same command line; the primary has done the checks below.
  const { default: cluster } = await import('node:cluster');
  if (cluster.isWorker) {
    const { runWorker } = await import('../server/cluster/worker.js');
    return runWorker(config);
  }
  const workers = flags.workers ?? 1;
  if (workers > 1 && !config.databaseUrl) {
    throw new CliError(
      `--workers ${workers} needs PostgreSQL: a DuckDB database file can be written by one process only, so workers cannot share it. ` +
        'Set DATABASE_URL=postgres://… to serve with several workers, or leave out --workers.',
      EXIT.usage,
    );
  }
  const [{ findServer, lockedMessage }, { startServer, DemoLoadError }, { DatabaseLockedError }] = await Promise.all([
    engine(),
    import('../server/main.js'),
    import('../store/duckdb/store.js'),
  ]);
  const running = await findServer(config);
  if (running) {
    throw new CliError(
      `A Fluxion server is already running on ${config.dataDir} (pid ${running.pid}, since ${running.startedAt}). ` +
        'Stop it first, or give this one another data directory (FLUXION_DATA_DIR or --data-dir).',
    );
  }
  const progress = createProgress({ label: mode === 'if-empty' ? 'Loading demo data (first run)' : 'Loading demo data' });
  let loading = false;
  const print = (text: string) => {
    if (loading) {
      progress.done('Demo data loaded');
      loading = false;
    }
    out(text);
  };
  const onProgress = (phase: string, fraction: number) => {
    loading = true;
    progress.update(phase, fraction);
  };
  try {
    if (workers > 1) {
      const { startCluster, WorkerStartError } = await import('../server/cluster/primary.js');
      try {
        await startCluster({ config, workers, demo: mode, print, onProgress });
      } catch (err) {
        if (err instanceof WorkerStartError) throw new CliError(err.message);
        throw err;
      }
    } else {
      await startServer({ config, demo: mode, print, onProgress });
    }
  } catch (err) {
    if (loading) progress.done('Demo data: stopped');
    if (err instanceof DatabaseLockedError) {
      throw new CliError(await lockedMessage(err.file, adminSocketPath(config.dataDir), 'serve'));
    }
    if (err instanceof DemoLoadError) {
      throw new CliError(`${err.message}. The server did not start; \`fluxion serve\` starts it without demo data.`);
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new CliError(`Port ${config.port} on ${config.host} is already in use. Choose another with --port or the PORT variable.`);
    }
    if (code === 'EACCES' && (err as NodeJS.ErrnoException).syscall === 'listen') {
      throw new CliError(`Not allowed to listen on ${config.host}:${config.port}. Ports below 1024 need privileges; choose another with --port or PORT.`);
    }
    throw err;
  }
}

async function status(cmd: Command): Promise<void> {
  const config = configFor(cmd);
  const { findServer } = await engine();
  const server = await findServer(config);
  if (globals(cmd).json) {
    out(JSON.stringify(server ? { running: true, ...server } : { running: false, dataDir: config.dataDir }, null, 2));
  } else if (server) {
    out(
      [
        `A Fluxion server is running on ${server.dataDir}${server.ready ? '' : ' (still starting)'}.`,
        `  pid       ${server.pid}`,
        `  version   ${server.version}`,
        `  since     ${server.startedAt}`,
        `  database  ${server.database}`,
      ].join('\n'),
    );
  } else {
    out(`No Fluxion server is running on ${config.dataDir}.`);
  }
  if (!server) process.exitCode = EXIT.failure;
}

async function demo(cmd: Command, opts: { force?: boolean; scale: 'full' | 'small' }): Promise<void> {
  const config = configFor(cmd);
  const { execute, findServer } = await engine();
  const server = await findServer(config);
  if (server && opts.force) throw new CliError(demoForceWhileServing(server.pid).message);
  const progress = createProgress({ label: 'Loading demo data' });
  if (server) note(`Loading the demo data through the running server (pid ${server.pid}); this can take a while…`);
  const done = await execute('demo', { scale: opts.scale, force: Boolean(opts.force) }, { config, onProgress: (p, f) => progress.update(p, f) });
  if (done.via === 'direct') progress.done('Demo data loaded');
  else viaNote(done.server);
  out(globals(cmd).json ? JSON.stringify(done.result, null, 2) : render.renderDemo(done.result));
}

interface TenantFlags {
  name?: string;
  ownerEmail?: string;
  ownerName?: string;
  logo?: string;
  plan?: string;
  currency?: string;
  timezone?: string;
  locale?: string;
  features?: string[];
  primaryColor?: string;
  secondaryColor?: string;
  logoUrl?: string;
}

function settingsFrom(f: TenantFlags): Record<string, unknown> | undefined {
  const s: Record<string, unknown> = {
    currency: f.currency?.toUpperCase(),
    timezone: f.timezone,
    locale: f.locale,
    features: f.features,
    primaryColor: f.primaryColor,
    secondaryColor: f.secondaryColor,
    logoUrl: f.logoUrl === undefined ? undefined : f.logoUrl === '' || f.logoUrl === 'none' ? null : f.logoUrl,
  };
  for (const k of Object.keys(s)) if (s[k] === undefined) delete s[k];
  return Object.keys(s).length > 0 ? s : undefined;
}

/** A logo file as the operation takes it; its type from its first bytes (the server checks again). */
async function readLogoFile(file: string): Promise<{ contentType: string; base64: string }> {
  const { readFile, stat } = await import('node:fs/promises');
  const { sniffImage, LOGO_MAX_BYTES } = await import('../server/features/settings/logo-image.js');
  const size = await stat(file).then((s) => s.size, () => {
    throw new AppError('validation_error', `Cannot read the logo file ${file}.`);
  });
  if (size > LOGO_MAX_BYTES) throw new AppError('payload_too_large', `The logo ${file} is ${size} bytes; the limit is ${LOGO_MAX_BYTES} bytes (512 KB).`);
  const bytes = await readFile(file);
  const type = sniffImage(bytes);
  if (!type) {
    const svg = /\.svgz?$/i.test(file) || /^\s*(<\?xml|<svg)/i.test(bytes.subarray(0, 200).toString('utf8'));
    throw new AppError(
      svg ? 'unsupported_media_type' : 'validation_error',
      svg ? `The logo ${file} is an SVG: SVG is refused (it can carry scripts); use a PNG or JPEG.` : `The logo ${file} is neither a PNG nor a JPEG image.`,
    );
  }
  return { contentType: type, base64: bytes.toString('base64') };
}

function tenantSettingOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--plan <plan>', 'billing plan').choices(PLANS))
    .option('--currency <code>', 'ISO 4217 base currency, e.g. USD, VES (default USD)')
    .option('--timezone <zone>', 'IANA time zone, e.g. America/Caracas (default UTC)')
    .option('--locale <locale>', 'locale for the web app, e.g. es-VE (default en-US)')
    .option('--features <list>', `comma-separated features among ${FEATURES.join(', ')} (default inventory,sales)`, parseList)
    .option('--primary-color <hex>', 'brand colour #rrggbb')
    .option('--secondary-color <hex>', 'second brand colour #rrggbb')
    .option('--logo-url <url>', "logo as an http(s) URL or a /path ('none' removes it)");
}

const ENV_HELP = (() => {
  const rows = describeConfig();
  const width = Math.max(...rows.map((r) => r.name.length));
  return [
    'Environment variables (validated at start; a bad value stops with a message naming it):',
    ...rows.map((r) => `  ${r.name.padEnd(width)}  ${r.description} Default: ${r.default}`),
  ].join('\n');
})();

export function buildProgram(): Command {
  const program = new Command('fluxion');
  program
    .description('Fluxion: multi-tenant inventory and sales platform. Serve it, manage tenants, users and API keys, load demo data.')
    .version(FLUXION_VERSION, '-v, --version', 'print the version')
    .option('-d, --data-dir <dir>', 'data directory (database file and admin socket); overrides FLUXION_DATA_DIR')
    .option('--json', 'print results as JSON')
    .option('--debug', 'print stack traces of unexpected errors')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      'after',
      `
Examples:
  $ fluxion start                                  serve; loads the demo data on the first run
  $ fluxion serve --port 8080                      serve without touching the data
  $ fluxion tenant create acme --name "Acme C.A." --currency VES --timezone America/Caracas
  $ fluxion tenant list
  $ fluxion user add --tenant acme --email ana@acme.com --role owner    prints an invitation link
  $ fluxion apikey create --tenant acme --name "POS caja 1" --role staff
  $ fluxion demo --force --scale small             replace the demo data with a small set
  $ fluxion migrate-data --to postgres://fluxion@db.internal/fluxion   move the DuckDB data to PostgreSQL

Commands that change or read data work while the server runs: they go through its admin socket
(<data dir>/fluxion.sock) and take effect at once.

${ENV_HELP}

Exit codes: 0 done, 1 refused or failed, 2 bad command line or configuration.`,
    );

  program
    .command('start')
    .description('serve, loading the demo data first if the data directory is empty (what `npm start` runs)')
    .option('-p, --port <n>', 'port to listen on (overrides PORT)', parsePort)
    .option('-w, --workers <n>', `worker processes sharing the port, 1 to ${MAX_WORKERS} (more than 1 needs PostgreSQL)`, parseWorkers)
    .addHelpText(
      'after',
      `
"Empty" means no database file yet, or no tenants in it. On later starts the data is left as it is.

Examples:
  $ fluxion start
  $ FLUXION_DATA_DIR=/var/lib/fluxion PORT=8080 fluxion start`,
    )
    .action((opts: { port?: number; workers?: number }, cmd: Command) => serve(cmd, 'if-empty', opts));

  program
    .command('serve')
    .description('serve the API, docs and web app; never loads demo data unless --demo')
    .option('-p, --port <n>', 'port to listen on (overrides PORT)', parsePort)
    .option('--demo', 'load the demo data first if the data directory is empty')
    .option('-w, --workers <n>', `worker processes sharing the port, 1 to ${MAX_WORKERS} (more than 1 needs PostgreSQL)`, parseWorkers)
    .addHelpText(
      'after',
      `
Stops cleanly on SIGTERM or Ctrl+C: in-flight requests finish, the database is closed.

With --workers N (PostgreSQL only: a DuckDB file is writable by one process), one primary process
migrates the database, answers \`fluxion\` commands and restarts a worker that stops; N workers
share the port. Tenant changes reach every worker at once; set REDIS_URL to share them, and rate
limits, with servers on other machines too.

Examples:
  $ fluxion serve
  $ fluxion serve --port 8080 --demo
  $ DATABASE_URL=postgres://fluxion@db/fluxion REDIS_URL=redis://cache:6379 fluxion serve --workers 4
  $ LOG_LEVEL=debug fluxion serve`,
    )
    .action((opts: { port?: number; demo?: boolean; workers?: number }, cmd: Command) => serve(cmd, opts.demo ? 'if-empty' : 'never', opts));

  program
    .command('migrate')
    .description('apply pending database migrations and report them')
    .addHelpText('after', '\nThe server also applies them when it starts.\n\nExample:\n  $ fluxion migrate')
    .action((_opts, cmd: Command) => runAndPrint(cmd, 'migrate', {}, render.renderMigrate));

  program
    .command('status')
    .description('tell whether a Fluxion server is running on the data directory (exit 1 if not)')
    .action((_opts, cmd: Command) => status(cmd));

  const tenant = program
    .command('tenant')
    .description('create, list, show, suspend, activate, update, export and delete tenants')
    .addHelpText(
      'after',
      `
A tenant id is a DNS label (a-z, 0-9, '-'; at most 63 characters): the tenant lives at
<id>.<FLUXION_BASE_DOMAIN>, at once, with no restart. Reserved names (admin, api, www, …) are refused.

Examples:
  $ fluxion tenant create acme --name "Acme C.A." --plan premium --currency VES --timezone America/Caracas
  $ fluxion tenant list
  $ fluxion tenant show acme
  $ fluxion tenant suspend acme`,
    );

  tenantSettingOptions(
    tenant
      .command('create')
      .description('create a tenant; it is live at once')
      .argument('<id>', 'tenant id, e.g. acme (becomes acme.<base domain>)')
      .requiredOption('--name <name>', 'display name, 1 to 200 characters')
      .option('--owner-email <email>', 'the first owner: gets a single-use invitation link (printed)')
      .option('--owner-name <name>', 'the first owner\'s name (recorded with the invitation)')
      .option('--logo <file>', 'logo image, PNG or JPEG, at most 512 KB (SVG is refused); needs --owner-email'),
  )
    .addHelpText(
      'after',
      `
Settings not given take their defaults (plan standard, USD, UTC, en-US, features inventory,sales).

Examples:
  $ fluxion tenant create acme --name "Acme C.A."
  $ fluxion tenant create granja2 --name "La Granja Oriente" --plan premium --currency VES \\
      --timezone America/Caracas --locale es-VE --features inventory,sales,forecasting \\
      --primary-color "#10b981" --secondary-color "#059669" \\
      --logo ./granja2.png --owner-email gerente@granja2.com      prints the owner's invitation link`,
    )
    .action(async (id: string, f: TenantFlags, cmd: Command) => {
      // The service checks it again; checking here first answers without opening the database.
      const { checkTenantId } = await import('../server/features/tenants/service.js');
      checkTenantId(id);
      const settings = settingsFrom(f);
      const logo = f.logo === undefined ? undefined : await readLogoFile(f.logo);
      return runAndPrint(
        cmd,
        'tenant.create',
        {
          id,
          name: f.name ?? '',
          ...(f.plan ? { plan: f.plan } : {}),
          ...(settings ? { settings } : {}),
          ...(f.ownerEmail ? { owner: { email: f.ownerEmail, ...(f.ownerName ? { name: f.ownerName } : {}) } } : {}),
          ...(logo ? { logo } : {}),
        },
        render.renderTenantCreate,
      );
    });

  tenant
    .command('list')
    .alias('ls')
    .description('list every tenant with its status, plan and URL')
    .addHelpText('after', '\nExamples:\n  $ fluxion tenant list\n  $ fluxion tenant list --json')
    .action((_opts, cmd: Command) => runAndPrint(cmd, 'tenant.list', {}, render.renderTenantList));

  tenant
    .command('show')
    .description('show one tenant: settings and how much data it holds')
    .argument('<id>', 'tenant id')
    .addHelpText('after', '\nExample:\n  $ fluxion tenant show granja')
    .action((id: string, _opts, cmd: Command) => runAndPrint(cmd, 'tenant.show', { id }, render.renderTenantShow));

  tenant
    .command('suspend')
    .description('suspend a tenant: its API answers 403 until it is activated again (data is kept)')
    .argument('<id>', 'tenant id')
    .addHelpText('after', '\nExample:\n  $ fluxion tenant suspend acme')
    .action((id: string, _opts, cmd: Command) => runAndPrint(cmd, 'tenant.suspend', { id }, render.renderSuspend));

  tenant
    .command('activate')
    .description('activate a suspended or inactive tenant')
    .argument('<id>', 'tenant id')
    .addHelpText('after', '\nExample:\n  $ fluxion tenant activate acme')
    .action((id: string, _opts, cmd: Command) => runAndPrint(cmd, 'tenant.activate', { id }, render.renderActivate));

  tenantSettingOptions(
    tenant
      .command('update')
      .description('change a tenant\'s name, plan or settings (only what is given changes)')
      .argument('<id>', 'tenant id')
      .option('--name <name>', 'display name, 1 to 200 characters'),
  )
    .addHelpText('after', '\nExamples:\n  $ fluxion tenant update acme --plan premium\n  $ fluxion tenant update acme --features inventory,sales,forecasting --primary-color "#0ea5e9"')
    .action((id: string, f: TenantFlags, cmd: Command) => {
      const settings = settingsFrom(f);
      return runAndPrint(
        cmd,
        'tenant.update',
        { id, ...(f.name !== undefined ? { name: f.name } : {}), ...(f.plan ? { plan: f.plan } : {}), ...(settings ? { settings } : {}) },
        render.renderTenantUpdate,
      );
    });

  addOffboardingCommands(tenant, { run: runAndPrint, configFor: (cmd) => configFor(cmd), json: (cmd) => Boolean(globals(cmd).json), viaNote });

  addAccountCommands(program, runAndPrint);

  addExportCommand(program, { configFor: (cmd) => configFor(cmd), json: (cmd) => Boolean(globals(cmd).json), viaNote });

  addImportCommand(program, { run: runAndPrint, configFor: (cmd) => configFor(cmd), json: (cmd) => Boolean(globals(cmd).json), viaNote });
  addForecastCommand(program, { run: runAndPrint, configFor: (cmd) => configFor(cmd), json: (cmd) => Boolean(globals(cmd).json), viaNote });
  addBackupCommands(program, tenant, { run: runAndPrint, configFor: (cmd) => configFor(cmd), json: (cmd) => Boolean(globals(cmd).json), viaNote });
  addWebBundleCommand(program, { configFor: (cmd) => configFor(cmd), json: (cmd) => Boolean(globals(cmd).json), out });

  program
    .command('demo')
    .description('load the demo tenants (granja, cliente2) with their stores, products and sales history')
    .option('--force', 'replace the demo tenants\' existing data (deletes and regenerates it)')
    .addOption(new Option('--scale <scale>', 'full: two years of daily sales (a few million lines); small: a quick set for tests').choices(['full', 'small']).default('full'))
    .addHelpText(
      'after',
      `
Loading over existing demo data is refused unless --force. With a server running, plain \`demo\`
runs inside it; \`demo --force\` asks you to stop the server first, since it rewrites everything.

Examples:
  $ fluxion demo
  $ fluxion demo --force
  $ fluxion demo --force --scale small`,
    )
    .action((opts: { force?: boolean; scale: 'full' | 'small' }, cmd: Command) => demo(cmd, opts));

  program
    .command('migrate-data')
    .description('copy everything in a DuckDB file into an empty PostgreSQL database, then verify the copy')
    .option('--from <file>', 'the DuckDB database file (default: <data dir>/fluxion.duckdb)')
    .option('--to <url>', "PostgreSQL URL of the database's owner role (default: DATABASE_URL)")
    .addHelpText(
      'after',
      `
The target is migrated first, as its owner (the role in the URL), then every table is copied in
one transaction: if anything fails, the target is left as it was. A target that already holds any
data is refused. Afterwards every table of every tenant (and the platform tables) is counted and
checksummed on both sides; the command exits 1 if anything differs.

Stop the server that uses the DuckDB file first: the copy must read a database nobody writes to.
Then start Fluxion with DATABASE_URL set to the target.

Examples:
  $ fluxion migrate-data --to postgres://fluxion:secret@db.internal:5432/fluxion
  $ fluxion migrate-data --from /var/lib/fluxion/fluxion.duckdb --to postgres://fluxion@127.0.0.1/fluxion
  $ DATABASE_URL=postgres://fluxion@db.internal/fluxion fluxion migrate-data --json`,
    )
    .action(async (opts: { from?: string; to?: string }, cmd: Command) => {
      const { migrateDataCommand } = await import('./migrate-data.js');
      const report = await migrateDataCommand(configFor(cmd), opts);
      out(globals(cmd).json ? JSON.stringify(report, null, 2) : render.renderMigrateData(report));
      if (!report.verify.ok) process.exitCode = EXIT.failure;
    });

  return program;
}

function hint(err: AppError): string {
  if (err.code === 'tenant_not_found') return ' See `fluxion tenant list`.';
  return '';
}

/** Parse and run; returns the exit code (a running server keeps the process alive after this). */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has already printed the help or the usage error.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof ConfigError) {
      note(`Error: invalid configuration: ${err.message}. (fluxion --help lists the variables.)`);
      return EXIT.usage;
    }
    if (err instanceof CliError) {
      note(`Error: ${err.message}`);
      return err.exitCode;
    }
    if (err instanceof AppError) {
      note(`Error: ${err.message}${hint(err)}`);
      return EXIT.failure;
    }
    const debug = program.opts<GlobalOptions>().debug;
    note(`Unexpected error: ${err instanceof Error ? err.message : String(err)}${debug ? '' : ' (--debug shows the stack trace)'}`);
    if (debug && err instanceof Error && err.stack) note(err.stack);
    return EXIT.failure;
  }
}
