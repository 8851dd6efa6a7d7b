#!/usr/bin/env node
/**
 * `npm run dev`: the API server (restarted on source changes; `fluxion start`, so the demo data is
 * loaded on the first run) and the web app's Vite dev server with hot reload, which forwards /api
 * to it. Ctrl+C stops both. PORT sets the API port (default 3000), FLUXION_DEV_WEB_PORT Vite's (5173).
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const apiPort = Number(process.env.PORT ?? 3000);
const webPort = Number(process.env.FLUXION_DEV_WEB_PORT ?? 5173);
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);

const children = [
  {
    name: 'api',
    child: spawn(process.execPath, [bin('tsx', 'dist/cli.mjs'), 'watch', '--clear-screen=false', 'src/cli/main.ts', 'start', '--port', String(apiPort)], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' },
    }),
  },
  {
    name: 'web',
    child: spawn(process.execPath, [bin('vite', 'bin/vite.js'), '-c', 'web/vite.config.ts', '--port', String(webPort), '--strictPort'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, FLUXION_DEV_API: process.env.FLUXION_DEV_API ?? `http://127.0.0.1:${apiPort}` },
    }),
  },
];

process.stdout.write(
  [
    '',
    'Fluxion dev: the web app with hot reload, the API behind it (first run loads the demo: a few minutes).',
    `  La Granja Mercado  http://granja.localhost:${webPort}`,
    `  Cliente 2 S.A.     http://cliente2.localhost:${webPort}`,
    `  Landing page       http://localhost:${webPort}   (or http://localhost:${webPort}/?tenant=granja)`,
    `  API and docs       http://localhost:${apiPort}/docs`,
    '  Demo sign-in: owner@granja.demo / fluxion-demo. Ctrl+C stops both.',
    '',
  ].join('\n'),
);

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 5000).unref();
}
for (const { name, child } of children) {
  child.on('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`dev: the ${name} process stopped (${signal ?? `exit ${code}`}); stopping the other one\n`);
    stopAll(code ?? 0);
    if (children.every((c) => c.child.exitCode !== null || c.child.signalCode !== null)) process.exit(code ?? 0);
  });
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
