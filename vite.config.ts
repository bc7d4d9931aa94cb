import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Relative base: the built dist/ works when served from "/" or from any sub-path.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  build: { target: 'es2022' },
  test: {
    include: ['test/core/**/*.test.ts', 'test/lessons/**/*.test.ts'],
    setupFiles: ['test/setup/fakeIndexedDb.ts'],
    environment: 'node',
  },
});
