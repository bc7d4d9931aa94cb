import { existsSync } from 'node:fs';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { lessonMarkdown } from './scripts/lessonMarkdownPlugin.ts';

// Debian's Chromium when present; never a downloaded browser.
const chromium = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

// Relative base: the built dist/ works when served from "/" or from any sub-path.
export default defineConfig({
  base: './',
  plugins: [lessonMarkdown(), svelte()],
  build: { target: 'es2022' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/core/**/*.test.ts', 'test/lesson/**/*.test.ts'],
          setupFiles: ['test/setup/fakeIndexedDb.ts'],
          environment: 'node',
        },
      },
      {
        // The same core suite on the browser's real IndexedDB: fake-indexeddb passes only
        // part of the IndexedDB platform tests, so Node alone could hide a real-browser bug.
        extends: true,
        test: {
          name: 'chromium',
          include: ['test/core/**/*.test.ts'],
          testTimeout: 120_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: chromium,
                args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
