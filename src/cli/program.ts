// The `probity` command tree: thin commands over the same services the server uses.
import { Command } from 'commander'
import { registerAlertsCommand } from './commands/alerts.ts'
import { registerAuditCommands } from './commands/audit.ts'
import { registerBackupCommands } from './commands/backup.ts'
import { registerDemoCommand } from './commands/demo.ts'
import { registerExportCommand } from './commands/export.ts'
import { registerForceCommands } from './commands/force.ts'
import { registerImportCommand } from './commands/import.ts'
import { registerListsCommands } from './commands/lists.ts'
import { registerMigrateCommand } from './commands/migrate.ts'
import { registerOfficersCommands } from './commands/officers.ts'
import { registerReportCommand } from './commands/report.ts'
import { registerServeCommand } from './commands/serve.ts'
import { registerStatsCommand } from './commands/stats.ts'
import { registerUserCommands } from './commands/user.ts'
import { registerVetCommand } from './commands/vet.ts'

export function buildProgram(): Command {
  const program = new Command('probity')
    .description(
      'Probity: police complaints and conduct matters, from intake to outcome, with public figures.',
    )
    .option('--db <dir>', 'PGlite data folder (default: $PROBITY_DATA_DIR or ./data; DATABASE_URL wins)')
    .showHelpAfterError()
  registerServeCommand(program)
  registerMigrateCommand(program)
  registerImportCommand(program)
  registerOfficersCommands(program)
  registerExportCommand(program)
  registerUserCommands(program)
  registerAuditCommands(program)
  registerForceCommands(program)
  registerDemoCommand(program)
  registerReportCommand(program)
  registerStatsCommand(program)
  registerBackupCommands(program)
  registerVetCommand(program)
  registerAlertsCommand(program)
  registerListsCommands(program)
  return program
}
