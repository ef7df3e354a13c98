// Entry point of `probity` (bin/probity.js).
import { reportFailure } from './context.ts'
import { buildProgram } from './program.ts'

try {
  await buildProgram().parseAsync(process.argv)
} catch (error) {
  process.exitCode = reportFailure(error)
}
