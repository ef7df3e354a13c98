// Entry point of `probity` (bin/probity.js). A command is over when its action returns, except one that keeps
// serving (serve): the process then exits at once, rather than waiting on timers a closed database may leave
// behind (PGlite's embedded Postgres can leave a statistics timer running after close).
import { reportFailure, servesUntilStopped } from './context.ts'
import { buildProgram } from './program.ts'

try {
  await buildProgram().parseAsync(process.argv)
} catch (error) {
  process.exitCode = reportFailure(error)
}
if (!servesUntilStopped()) process.exit()
