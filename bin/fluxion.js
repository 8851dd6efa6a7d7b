#!/usr/bin/env node
// Launcher for `fluxion` / `npx fluxion`: the compiled CLI when built, else the TypeScript source
// through tsx (a devDependency, so a checkout works before `npm run build`).
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write('fluxion: dist/cli/main.js is missing and tsx is not installed. Run `npm run build` first.\n');
    process.exit(1);
  }
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
