/**
 * The tenant web app. `npm run build` writes the production bundle to dist/web, which the Fluxion
 * server serves on every tenant host (same origin as the API). `npm run dev` serves it with hot
 * reload on :5173 and forwards /api to the Fluxion server on :3000 (FLUXION_DEV_API to change it).
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.FLUXION_DEV_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  plugins: [react()],
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
