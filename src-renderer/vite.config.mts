import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The renderer bundle. The window loads it from disk (file:// or the app's own
 * protocol), so asset paths are relative (`base: './'`) and nothing is fetched
 * from a CDN: the CSP allows only 'self'.
 */
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // One chunk per vendor family keeps the main bundle small enough to parse quickly on slow laptops.
    chunkSizeWarningLimit: 1200,
    sourcemap: false,
  },
});
