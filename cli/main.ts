/**
 * `bitagent-cw`: the representative's and the power user's command line. Imports main/ services, never Electron.
 */
import { keygenCommand } from './commands/keygen.js';
import { openCommand } from './commands/open.js';
import { packCommand } from './commands/pack.js';
import { serveCommand } from './commands/serve.js';
import { validateCommand } from './commands/validate.js';
import { type Command, CommandFailure, type CommandIo, UsageError } from './usage.js';

export const COMMANDS: readonly Command[] = [
  serveCommand,
  validateCommand,
  keygenCommand,
  packCommand,
  openCommand,
];

export function helpText(): string {
  return [
    'bitagent-cw: BitAgent ConnectWise onboarding tools',
    '',
    'Usage: bitagent-cw <command> [options]',
    '',
    'Commands:',
    // Synopses are long: each on its own line, the summary indented below it, so nothing wraps on 80 columns.
    ...COMMANDS.flatMap((c) => [`  ${c.synopsis}`, `      ${c.summary}`]),
    '  help',
    '      Show this help.',
    '',
    'Exit codes: 0 success, 1 the command ran and found a problem, 2 a usage error.',
  ].join('\n');
}

export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(helpText());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`bitagent-cw: unknown command "${name.slice(0, 40)}" (see bitagent-cw --help)`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CommandFailure) {
      io.err(`bitagent-cw ${command.name}: ${error.message}`);
      return error.exitCode;
    }
    // parseArgs throws TypeErrors with a code for unknown or malformed flags: a usage error, in one line.
    const code = (error as { code?: string }).code;
    if (error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      io.err(
        `bitagent-cw ${command.name}: ${(error as Error).message.split('\n')[0]} (see bitagent-cw --help)`,
      );
      return 2;
    }
    io.err(
      `bitagent-cw ${command.name}: unexpected ${error instanceof Error ? error.name : 'error'}; nothing was written.`,
    );
    return 1;
  }
}

export function processIo(): CommandIo {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    interrupted: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
    env: process.env,
    stdin: process.stdin,
  };
}
