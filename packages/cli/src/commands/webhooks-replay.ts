import { CliError } from '../internal/cli-error.js';
import type { Command } from '../internal/command.js';

/** `prakerja webhooks replay`. */
export const webhooksReplayCommand: Command = {
  summary: 'forward sandbox deliveries to a local URL',
  usage: 'Usage: prakerja webhooks replay --forward-to URL',
  async run() {
    throw new CliError('usage', 'not implemented yet');
  },
};
