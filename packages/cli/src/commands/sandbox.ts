import { CliError } from '../internal/cli-error.js';
import type { Command } from '../internal/command.js';

/** `prakerja sandbox`. */
export const sandboxCommand: Command = {
  summary: 'forward sandbox deliveries to a local URL',
  usage: 'Usage: prakerja sandbox --forward-to URL',
  async run() {
    throw new CliError('usage', 'not implemented yet');
  },
};
