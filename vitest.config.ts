import { configDefaults, defineConfig } from 'vitest/config'

// The suite runs twice in CI: on PGlite, and on PostgreSQL (DATABASE_URL). Tests that touch no database (the pure
// domain rules) and the browser journeys (which check pages, not the database under them) run in the first pass
// only; everything that reads or writes records runs in both.
const onPostgres = Boolean(process.env.DATABASE_URL)

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(onPostgres ? ['src/domain/**', 'test/browser/**'] : [])],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})
