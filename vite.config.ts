import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { lessonMarkdown } from './scripts/lessonMarkdownPlugin.ts';

// Relative base: the built dist/ works when served from "/" or from any sub-path.
export default defineConfig({
  base: './',
  plugins: [lessonMarkdown(), svelte()],
  build: { target: 'es2022' },
  test: {
    include: ['test/core/**/*.test.ts', 'test/lesson/**/*.test.ts'],
    setupFiles: ['test/setup/fakeIndexedDb.ts'],
    environment: 'node',
  },
});
