#!/usr/bin/env node
// Entry point of the reference server (apps/server/dist/main.js): env MLPY_PORT, MLPY_HOST,
// MLPY_TRACKING_URI, MLPY_CONFIG, MLPY_API_KEYS_FILE. See docs/server.md.
import { runMain } from './run-main.js';

const started = await runMain(process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
if (typeof started === 'number') process.exitCode = started;
