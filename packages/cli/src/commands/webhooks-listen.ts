import { CliError } from '../internal/cli-error.js';
import type { Command } from '../internal/command.js';

/** `prakerja webhooks listen`. */
export const webhooksListenCommand: Command = {
  summary: 'forward sandbox deliveries to a local URL',
  usage: 'Usage: prakerja webhooks listen --forward-to URL',
  async run() {
    throw new CliError('usage', 'not implemented yet');
  },
};
