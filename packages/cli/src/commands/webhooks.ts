import type { Command } from '../internal/command.js';
import { webhooksListenCommand } from './webhooks-listen.js';
import { webhooksReplayCommand } from './webhooks-replay.js';
import { webhooksTriggerCommand } from './webhooks-trigger.js';

const usage = `Usage: prakerja webhooks <listen|trigger|replay> [flags]

  listen --forward-to URL   receive the sandbox's deliveries and forward them re-signed
  trigger EVENT             send a signed test delivery
  replay ID                 re-deliver one delivery from the sandbox log

Run prakerja webhooks <subcommand> --help for its flags.`;

/** `prakerja webhooks …`: the group of listen, trigger and replay. */
export const webhooksCommand: Command = {
  summary: 'listen for, trigger and replay webhook deliveries',
  usage,
  subcommands: {
    listen: webhooksListenCommand,
    trigger: webhooksTriggerCommand,
    replay: webhooksReplayCommand,
  },
};
