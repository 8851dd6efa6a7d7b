/** The package version, for the banner, `fluxion --version` and the admin socket status. */
import fs from 'node:fs';

// src/server/version.ts and dist/server/version.js are both two levels below package.json.
const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export const FLUXION_VERSION: string = pkg.version;
