/**
 * `fluxion user …`, `fluxion admin …`, `fluxion apikey …`: accounts from the command line. Like the
 * tenant commands they run through `execute()` (the running server's admin socket, or the
 * database file). Passwords come from standard input only, never from arguments.
 */
import { Argument, Command, Option } from 'commander';
import { ROLES } from '../server/permissions.js';
import type { ArgsOf, CommandName, ResultOf } from './operations.js';
import * as render from './render-accounts.js';
import { readPasswordFromStdin } from './secret-input.js';

export type RunAndPrint = <C extends CommandName>(cmd: Command, command: C, args: ArgsOf<C>, text: (r: ResultOf<C>) => string) => Promise<void>;

type Role = (typeof ROLES)[number];

const tenantOption = () => new Option('-t, --tenant <id>', 'tenant id, e.g. granja (see `fluxion tenant list`)').makeOptionMandatory();
const roleOption = (what: string) => new Option('--role <role>', what).choices(ROLES).makeOptionMandatory();
const passwordStdin = (whose: string) =>
  new Option('--password-stdin', `read ${whose} password from standard input (typed twice, hidden, on a terminal)`);

const password = async (fromStdin: boolean | undefined) => (fromStdin ? { password: await readPasswordFromStdin() } : {});

const ROLE_HELP = `Roles (one per user; API keys carry one too):
  owner    everything, including users, API keys, branding and settings
  manager  purchase orders, imports, exchange rates, the audit trail; lists users
  staff    records sales and adjusts stock
  viewer   reads only`;

export function addAccountCommands(program: Command, run: RunAndPrint): void {
  addUserCommands(program, run);
  addAdminCommands(program, run);
  addApiKeyCommands(program, run);
}

function addUserCommands(program: Command, run: RunAndPrint): void {
  const user = program
    .command('user')
    .description("add and list a tenant's users, change their roles, disable them, reset passwords")
    .addHelpText(
      'after',
      `
${ROLE_HELP}

Passwords never go on the command line (other users of the machine can read it with \`ps\`): pipe
one in with --password-stdin, or let Fluxion make an invitation link (user add) or a strong
password (reset-password). A role change, disabling a user or a password reset ends their
sessions at once. Every change is recorded in the tenant's audit trail as done by 'cli'.

Examples:
  $ fluxion user add --tenant granja --email ana@granja.com --role manager
  $ printf '%s' "$PASSWORD" | fluxion user add --tenant granja --email caja@granja.com --role staff --password-stdin
  $ fluxion user list --tenant granja
  $ fluxion user set-role ana@granja.com owner --tenant granja
  $ fluxion user disable ana@granja.com --tenant granja
  $ fluxion user reset-password ana@granja.com --tenant granja`,
    );

  user
    .command('add')
    .description('add a user: at once with --password-stdin, otherwise through a single-use invitation link')
    .addOption(tenantOption())
    .requiredOption('--email <email>', 'their email address; they sign in with it')
    .addOption(roleOption('what they may do'))
    .option('--name <name>', 'display name, up to 200 characters')
    .addOption(passwordStdin('their').conflicts('invite'))
    .option('--invite', 'make a single-use invitation link (7 days) for them to choose a password; the default without --password-stdin')
    .addHelpText(
      'after',
      `
Without --password-stdin this prints an invitation link, shown once: send it to the person.

Examples:
  $ fluxion user add --tenant granja --email ana@granja.com --role manager
  $ printf '%s' "$PASSWORD" | fluxion user add -t granja --email caja@granja.com --role staff --name "Caja 1" --password-stdin`,
    )
    .action(async (o: { tenant: string; email: string; role: Role; name?: string; passwordStdin?: boolean }, cmd: Command) =>
      run(
        cmd,
        'user.add',
        { tenant: o.tenant, email: o.email, role: o.role, ...(o.name !== undefined ? { name: o.name } : {}), ...(await password(o.passwordStdin)) },
        render.renderUserAdd,
      ),
    );

  user
    .command('list')
    .alias('ls')
    .description('list the users of a tenant (email, name, role, status, last sign-in) and pending invitations')
    .addOption(tenantOption())
    .addHelpText('after', '\nExamples:\n  $ fluxion user list --tenant granja\n  $ fluxion user list --tenant granja --json')
    .action((o: { tenant: string }, cmd: Command) => run(cmd, 'user.list', { tenant: o.tenant }, render.renderUserList));

  user
    .command('set-role')
    .description('change the role of a user; their sessions end at once')
    .argument('<email>', "the user's email")
    .addArgument(new Argument('<role>', 'the new role').choices(ROLES))
    .addOption(tenantOption())
    .addHelpText('after', `\nThe tenant always keeps an active owner: the last one cannot be demoted.\n\n${ROLE_HELP}\n\nExample:\n  $ fluxion user set-role ana@granja.com viewer --tenant granja`)
    .action((email: string, role: Role, o: { tenant: string }, cmd: Command) => run(cmd, 'user.set-role', { tenant: o.tenant, email, role }, render.renderSetRole));

  user
    .command('disable')
    .description('stop a user from signing in; their sessions end at once (nothing is deleted)')
    .argument('<email>', "the user's email")
    .addOption(tenantOption())
    .addHelpText('after', '\nThe last active owner cannot be disabled. `user enable` undoes it.\n\nExample:\n  $ fluxion user disable ana@granja.com --tenant granja')
    .action((email: string, o: { tenant: string }, cmd: Command) => run(cmd, 'user.disable', { tenant: o.tenant, email }, render.renderDisable));

  user
    .command('enable')
    .description('let a disabled user sign in again')
    .argument('<email>', "the user's email")
    .addOption(tenantOption())
    .addHelpText('after', '\nExample:\n  $ fluxion user enable ana@granja.com --tenant granja')
    .action((email: string, o: { tenant: string }, cmd: Command) => run(cmd, 'user.enable', { tenant: o.tenant, email }, render.renderEnable));

  user
    .command('reset-password')
    .description('give a user a new password (generated and printed once, or from standard input); their sessions end')
    .argument('<email>', "the user's email")
    .addOption(tenantOption())
    .addOption(passwordStdin('the new'))
    .addHelpText(
      'after',
      `
Without --password-stdin a strong random password is generated and printed this once.
A sign-in lockout on the account is lifted too.

Examples:
  $ fluxion user reset-password ana@granja.com --tenant granja
  $ printf '%s' "$PASSWORD" | fluxion user reset-password ana@granja.com --tenant granja --password-stdin`,
    )
    .action(async (email: string, o: { tenant: string; passwordStdin?: boolean }, cmd: Command) =>
      run(cmd, 'user.reset-password', { tenant: o.tenant, email, ...(await password(o.passwordStdin)) }, render.renderResetPassword),
    );
}

function addAdminCommands(program: Command, run: RunAndPrint): void {
  const admin = program
    .command('admin')
    .description('add and list platform admins (the admin.<domain> console; not users of any tenant)')
    .addHelpText(
      'after',
      `
Platform admins manage tenants on the admin host. They see a tenant's data only by impersonating
one of its users: with a written reason, for 60 minutes, recorded in the audit trail.

Examples:
  $ fluxion admin add --email ops@fluxion.example --name "Operaciones"
  $ fluxion admin list`,
    );

  admin
    .command('add')
    .description('add a platform admin; without --password-stdin a strong password is generated and printed once')
    .requiredOption('--email <email>', 'their email address; they sign in with it')
    .option('--name <name>', 'display name, up to 200 characters')
    .addOption(passwordStdin('their'))
    .addHelpText(
      'after',
      `
Examples:
  $ fluxion admin add --email ops@fluxion.example
  $ printf '%s' "$PASSWORD" | fluxion admin add --email ops@fluxion.example --name "Operaciones" --password-stdin`,
    )
    .action(async (o: { email: string; name?: string; passwordStdin?: boolean }, cmd: Command) =>
      run(cmd, 'admin.add', { email: o.email, ...(o.name !== undefined ? { name: o.name } : {}), ...(await password(o.passwordStdin)) }, render.renderAdminAdd),
    );

  admin
    .command('list')
    .alias('ls')
    .description('list the platform admins')
    .addHelpText('after', '\nExample:\n  $ fluxion admin list')
    .action((_o, cmd: Command) => run(cmd, 'admin.list', {}, render.renderAdminList));
}

function addApiKeyCommands(program: Command, run: RunAndPrint): void {
  const apikey = program
    .command('apikey')
    .description("create, list and revoke a tenant's API keys for integrations (POS, ETL)")
    .addHelpText(
      'after',
      `
A key acts with the role it was created with, on its own tenant only, sent as
\`Authorization: Bearer <key>\`. It is shown once, at creation; only its hash is kept.
Revoking takes effect on the key's next request.

${ROLE_HELP}

Examples:
  $ fluxion apikey create --tenant granja --name "POS caja 1" --role staff
  $ fluxion apikey list --tenant granja
  $ fluxion apikey revoke flx.granja.AbC12xY --tenant granja`,
    );

  apikey
    .command('create')
    .description('create an API key; it is printed once and never shown again')
    .addOption(tenantOption())
    .requiredOption('--name <name>', 'what the key is for, 1 to 100 characters, e.g. "POS caja 1"')
    .addOption(roleOption('what the key may do, as a user of that role would'))
    .addHelpText(
      'after',
      `
Examples:
  $ fluxion apikey create --tenant granja --name "POS caja 1" --role staff
  $ fluxion apikey create --tenant granja --name "ETL nightly" --role viewer --json   (the key is in .key)`,
    )
    .action((o: { tenant: string; name: string; role: Role }, cmd: Command) =>
      run(cmd, 'apikey.create', { tenant: o.tenant, name: o.name, role: o.role }, render.renderApiKeyCreate),
    );

  apikey
    .command('list')
    .alias('ls')
    .description('list the API keys of a tenant (prefix, name, role, status, last use); never the keys themselves')
    .addOption(tenantOption())
    .addHelpText('after', '\nExamples:\n  $ fluxion apikey list --tenant granja\n  $ fluxion apikey list --tenant granja --json')
    .action((o: { tenant: string }, cmd: Command) => run(cmd, 'apikey.list', { tenant: o.tenant }, render.renderApiKeyList));

  apikey
    .command('revoke')
    .description('revoke an API key by its id or prefix; its next use is refused')
    .argument('<id-or-prefix>', 'the key\'s id, or its prefix as `apikey list` shows it (flx.<tenant>.XXXXXXX)')
    .addOption(tenantOption())
    .addHelpText(
      'after',
      `
Examples:
  $ fluxion apikey revoke flx.granja.AbC12xY --tenant granja
  $ fluxion apikey revoke 0b9c7a4e-2f7d-4f37-9a51-6f0d2b1c9e11 --tenant granja`,
    )
    .action((key: string, o: { tenant: string }, cmd: Command) => run(cmd, 'apikey.revoke', { tenant: o.tenant, key }, render.renderApiKeyRevoke));
}
