/**
 * The tenant web app. `npm run build` writes the production bundle to dist/web, which the Fluxion
 * server serves on every tenant host (same origin as the API). `npm run dev` serves it with hot
 * reload on :5173 and forwards /api to the Fluxion server on :3000 (FLUXION_DEV_API to change it).
 */
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Writes `<file>.br` and `<file>.gz` next to every text asset, once, at build time: the server
 * sends them as they are (src/server/features/site/web-build.ts), so no request waits for
 * compression and no CPU is spent on it at run time.
 */
function precompress(): Plugin {
  return {
    name: 'fluxion-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir!;
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|svg|json)$/.test(name)) continue;
        const body = readFileSync(join(dir, name));
        if (body.length <= 512) continue;
        writeFileSync(join(dir, `${name}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(join(dir, `${name}.gz`), gzipSync(body, { level: 9 }));
      }
    },
  };
}

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.FLUXION_DEV_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Charts and heavy pages are lazy chunks; the first page stays small (bench/web-size.ts).
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: true,
    port: 5173,
    // Tenant sub-domains of localhost reach the dev server; the Host header goes on to the API.
    allowedHosts: ['.localhost'],
    proxy: { '/api': { target: api, changeOrigin: false } },
  },
});
