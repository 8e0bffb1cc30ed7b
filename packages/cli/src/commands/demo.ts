// placeholder until the demo lands
import type { Command } from 'commander';
import type { Io } from '../io.js';

export function demoCommand(_program: Command, _io: Io): void {}
