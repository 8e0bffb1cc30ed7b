// The mlpy program: commander wiring, help on every command, and `run(argv, io)` that turns
// every outcome into an exit code and at most one `mlpy: <message>` line on stderr.
import { Command, CommanderError } from 'commander';
import { demoCommand } from './commands/demo.js';
import { evaluateCommand } from './commands/evaluate.js';
import { modelsCommand } from './commands/models.js';
import { predictCommand } from './commands/predict.js';
import { runsCommand } from './commands/runs.js';
import { serveCommand } from './commands/serve.js';
import { trainCommand } from './commands/train.js';
import { EXIT, errorLine, exitCodeFor } from './errors.js';
import type { Io } from './io.js';

/** The version `mlpy --version` prints. */
export const VERSION = '0.1.0';

/** Builds the commander program writing to `io`. */
export function buildProgram(io: Io): Command {
  const program = new Command('mlpy')
    .description('Train, track, register and serve machine-learning models (MLPY for TypeScript)')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      '\nStart with:  mlpy demo   (train → track → register → serve on a real dataset)\n',
    );
  trainCommand(program, io);
  evaluateCommand(program, io);
  predictCommand(program, io);
  serveCommand(program, io);
  runsCommand(program, io);
  modelsCommand(program, io);
  demoCommand(program, io);
  const configure = (cmd: Command) => {
    cmd.exitOverride().configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) =>
        write(
          `mlpy: ${s
            .replace(/^error: /, '')
            .trim()
            .replace(/\s*\n\s*/g, ' ')} (see --help)\n`,
        ),
    });
    for (const sub of cmd.commands) configure(sub);
  };
  configure(program);
  return program;
}

/**
 * Runs the mlpy command line `argv` (without `node` and the script) and resolves to its exit
 * code: 0 success, 2 a usage or input mistake, 1 an unexpected failure.
 * @example process.exitCode = await run(process.argv.slice(2), processIo());
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander already printed its message for the rest.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    io.stderr.write(errorLine(error));
    if (io.env['MLPY_DEBUG'] && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return exitCodeFor(error);
  }
}
