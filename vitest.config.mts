// Unit tests: everything in src/ that can run in Node (core, shared, db repositories, main helpers);
// their helpers, corpora and fixtures live in test/, outside the product's sources.
import { defineConfig } from 'vitest/config'
import { aliases } from './vite.web.config.ts'

export default defineConfig({
  resolve: { alias: aliases },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/synthetic/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20000
  }
})
