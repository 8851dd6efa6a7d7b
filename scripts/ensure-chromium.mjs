#!/usr/bin/env node
/**
 * Makes sure a Chromium for the end-to-end tests and the Lighthouse bench is on this machine,
 * before `playwright test` runs (`npm run test:e2e` calls it first). The browser is the system's:
 * CHROME_PATH when set, else /usr/bin/chromium; on Debian as root the `chromium` package is
 * installed when missing. No browser is ever downloaded from elsewhere (no `playwright install`).
 * Elsewhere it prints exactly what to install and exits 1.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const DEFAULT_PATH = '/usr/bin/chromium';

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function say(line) {
  process.stdout.write(`chromium: ${line}\n`);
}

/** Runs a command with its output shown (apt-get prints its own progress). */
function run(command, args) {
  say(`$ ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

function explainAndFail(reason) {
  process.stderr.write(
    [
      `chromium: ${reason}`,
      'The end-to-end tests run in the system Chromium. Install it, or point CHROME_PATH at a Chromium/Chrome binary:',
      '  Debian/Ubuntu:  sudo apt-get install chromium',
      '  elsewhere:      export CHROME_PATH=/path/to/chromium   (then run npm test again)',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const fromEnv = process.env.CHROME_PATH;
if (fromEnv) {
  if (executable(fromEnv)) {
    say(`using CHROME_PATH=${fromEnv}`);
    process.exit(0);
  }
  explainAndFail(`CHROME_PATH=${fromEnv} is not an executable file.`);
}

if (executable(DEFAULT_PATH)) {
  say(`using ${DEFAULT_PATH}`);
  process.exit(0);
}

const debian = existsSync('/etc/debian_version');
const root = typeof process.getuid === 'function' && process.getuid() === 0;
if (!debian) explainAndFail(`${DEFAULT_PATH} not found and this is not Debian.`);
if (!root) explainAndFail(`${DEFAULT_PATH} not found; installing the package needs root.`);

say(`${DEFAULT_PATH} not found: installing the Debian package "chromium"`);
// A fresh image often has no package lists yet: try as is, then again after an update.
if (!run('apt-get', ['install', '-y', '-q', 'chromium'])) {
  say('the install failed; updating the package lists and trying again');
  if (!run('apt-get', ['update', '-q']) || !run('apt-get', ['install', '-y', '-q', 'chromium'])) {
    explainAndFail('apt-get could not install chromium (see the output above).');
  }
}
if (!executable(DEFAULT_PATH)) explainAndFail(`the chromium package is installed but ${DEFAULT_PATH} is missing.`);
say(`installed ${DEFAULT_PATH}`);
