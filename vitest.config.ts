import { availableParallelism } from 'node:os'
import { configDefaults, defineConfig } from 'vitest/config'

// CI runs the suite twice: on PGlite, and on PostgreSQL (DATABASE_URL). Tests that read or write records through
// the suite's test database run in both passes (project "database"). Tests that touch no database, or only a
// PGlite data folder of their own, or drive the browser, run in the first pass only (project "once"): running
// them again on PostgreSQL would test nothing new.
const ONCE = [
  'src/domain/**/*.test.ts',
  'test/browser/**/*.test.ts',
  'src/db/lock.test.ts',
  'src/cli/actions/stats.test.ts',
  'src/cli/program.test.ts',
  'src/cli/actions/import-worker.test.ts',
  'src/cli/actions/demo.test.ts',
  'src/cli/demo-accounts.test.ts',
  'src/features/accounts/address-limit.test.ts',
  'src/features/accounts/cli.test.ts',
  'src/features/accounts/passwords.test.ts',
  'src/features/stats/answer.test.ts',
  'src/features/imports/mapping.test.ts',
  'src/features/imports/read-csv.test.ts',
  'src/features/imports/sql-mapping.test.ts',
  'src/features/reports/article.test.ts',
  'src/features/reports/article-wording.test.ts',
  'src/features/reports/facts.test.ts',
  'src/features/reports/forms.test.ts',
  'src/features/foi/letter-wording.test.ts',
  'src/features/foi/forms.test.ts',
  'src/features/foi/pages/request-view.test.ts',
  'src/features/stats/pages/chart.test.ts',
  'src/web/form.test.ts',
  'src/web/signed.test.ts',
  'src/features/vetting/document/document.test.ts',
  'src/cli/vetting-text.test.ts',
]
const onPostgres = Boolean(process.env.DATABASE_URL)

const shared = {
  globalSetup: ['test/global-setup.ts'],
  setupFiles: ['test/setup.ts'],
  // Child processes (servers, commands) hash passwords at the cheapest cost too.
  env: { PROBITY_PASSWORD_COST: 'low' },
  // A hang detector, not a speed check: with both CI passes side by side a big import can take a minute.
  testTimeout: 120_000,
  hookTimeout: 120_000,
  pool: 'forks' as const,
  // Test files share their worker's loaded modules instead of loading the app again each (a test file leaves
  // nothing behind: each has its own database, and restores any spy or setting it changes).
  isolate: false,
}

export default defineConfig({
  test: {
    // One more worker than cores in the PGlite pass: its browser and process tests spend much of their time
    // waiting on Chromium or a child process.
    maxWorkers: onPostgres ? availableParallelism() : Math.max(3, availableParallelism() + 1),
    projects: [
      {
        test: {
          ...shared,
          name: 'database',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...ONCE],
        },
      },
      // Browser and child-process tests wait on Chromium and other processes; with both passes side by side on two
      // cores a whole journey can take minutes, so their limit is a hang detector, not a speed check.
      ...(onPostgres ? [] : [{ test: { ...shared, name: 'once', include: ONCE, testTimeout: 240_000 } }]),
    ],
  },
})
