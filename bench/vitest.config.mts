// `npm run bench`: the benchmarks in bench/, one process, medians and ratios in bench/report.json.
import { defineConfig } from 'vitest/config'
import { aliases } from '../vite.web.config.ts'

export default defineConfig({
  resolve: { alias: aliases },
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    testTimeout: 600_000,
    fileParallelism: false
  }
})
