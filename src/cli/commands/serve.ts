// `probity serve`: the command's definition. Its work is in ../actions/serve.ts, loaded when it runs.
import type { Command } from 'commander'

export interface ServeOptions {
  port?: string
  host?: string
  demo: boolean
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the web server and API; on first start, fill an empty database with demo data')
    .option('--port <port>', 'port to listen on (default: $PORT or 3000)')
    .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
    .option('--no-demo', 'leave an empty database empty')
    .addHelpText(
      'after',
      '\nExample:\n  probity serve --port 8080\n  DATABASE_URL=postgres://localhost/probity probity serve',
    )
    .action(async (options: ServeOptions, command: Command) => {
      const { serveAction } = await import('../actions/serve.ts')
      await serveAction(options, command)
    })
}
