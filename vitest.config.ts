import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Two projects: the Node tests (core, CLI, services, the e2e that drives
 * Chromium from Node) and the renderer's component tests, which need a DOM
 * (jsdom) and the React JSX transform.
 */
export default defineConfig({
  test: {
    // The closing line CI reads ("N passed, N failed") comes from the summary reporter.
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        plugins: [react({})],
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['./test/renderer/setup.ts'],
        },
      },
    ],
  },
});
