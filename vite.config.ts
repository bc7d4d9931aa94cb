import { existsSync } from 'node:fs';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { playwright } from '@vitest/browser-playwright';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { lessonMarkdown } from './scripts/lessonMarkdownPlugin.ts';

// Debian's Chromium when present; never a downloaded browser.
const chromium = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

const FIRST_VIEW_MODULES = new RegExp(
  [
    String.raw`node_modules[\/](dexie|svelte|valibot|rosetta|templite|dlv|clsx)[\/]`,
    String.raw`[\/]src[\/](core|ui[\/]state)[\/]`,
    String.raw`[\/]src[\/]ui[\/]i18n[\/](i18n\.svelte|translate)\.ts$`,
    String.raw`[\/]src[\/]ui[\/]i18n[\/]locales[\/](lesson\.)?en\.json$`,
    String.raw`[\/]src[\/]lesson[\/](lessonContent|describeIssues|progressStore)\.ts$`,
    String.raw`[\/]src[\/]ui[\/]lesson[\/]lessonState\.svelte\.ts$`,
    String.raw`[\/]lessons[\/]fault-isolation[\/]sectionOrder\.ts$`,
  ].join('|'),
);

// Relative base: the built dist/ works when served from "/" or from any sub-path.
export default defineConfig({
  base: './',
  plugins: [
    lessonMarkdown(),
    svelte(),
    // Offline after the first visit. 'prompt': a new version is offered to the learner,
    // never swapped in by surprise mid-lesson.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icon.svg'],
      manifest: {
        name: 'Fault Isolation Lab',
        short_name: 'Fault Lab',
        description: 'IngestPipeline fault isolation and recovery, simulated in your browser',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1e3a8a',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  resolve: {
    // Dexie's package entry wraps its ES5 build; its ES2018+ build is the same library,
    // 1.3 KB gzip smaller (no down-levelled classes and async code).
    alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }],
  },
  build: {
    target: 'es2022',
    rolldownOptions: {
      output: {
        // What every first view runs goes in one chunk: the libraries, the simulated
        // backend and the page's state. Left to itself the bundler cuts it into a dozen
        // files, and each compresses on its own (about 1.5 KB gzip more in all).
        codeSplitting: { groups: [{ name: 'lab', test: (id) => FIRST_VIEW_MODULES.test(id) }] },
      },
    },
  },
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
          // The properties run each case on its own fake-indexeddb factory (1000 runs would
          // take minutes on real IndexedDB), so in Chromium they would only repeat Node.
          exclude: ['test/core/properties/**'],
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
