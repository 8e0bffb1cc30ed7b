#!/usr/bin/env node
// Entry point of the mlpy command: runs the program on the process's argv and streams.
import { run } from './cli.js';
import { processIo } from './io.js';

// A closed pipe (`mlpy predict … | head`) ends the command quietly, as it does for Unix tools.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});
process.exitCode = await run(process.argv.slice(2), processIo());
