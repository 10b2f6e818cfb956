import { CliError } from '../internal/cli-error.js';
import type { Command } from '../internal/command.js';

/** `prakerja webhooks trigger`. */
export const webhooksTriggerCommand: Command = {
  summary: 'forward sandbox deliveries to a local URL',
  usage: 'Usage: prakerja webhooks trigger --forward-to URL',
  async run() {
    throw new CliError('usage', 'not implemented yet');
  },
};
