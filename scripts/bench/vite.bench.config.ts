import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The benchmark page: built like the product (production mode), into its own folder.
export default defineConfig({
  root: 'scripts/bench',
  base: './',
  build: {
    outDir: '../../dist-bench',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: resolve(import.meta.dirname, 'bench.html') },
  },
});
