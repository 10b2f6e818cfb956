import { ExitCode } from '../exit-code.js';
import { usageError } from '../internal/cli-error.js';
import type { Command } from '../internal/command.js';
import { webhooksListenCommand } from './webhooks-listen.js';
import { webhooksReplayCommand } from './webhooks-replay.js';
import { webhooksTriggerCommand } from './webhooks-trigger.js';

const subcommands: Record<string, Command> = {
  listen: webhooksListenCommand,
  trigger: webhooksTriggerCommand,
  replay: webhooksReplayCommand,
};

const usage = `Usage: prakerja webhooks <listen|trigger|replay> [flags]

  listen --forward-to URL   receive the sandbox's deliveries and forward them re-signed
  trigger EVENT             send a signed test delivery
  replay ID                 re-deliver one delivery from the sandbox log

Run prakerja webhooks <subcommand> --help for its flags.`;

/** `prakerja webhooks …`: dispatches to listen, trigger and replay. */
export const webhooksCommand: Command = {
  summary: 'listen for, trigger and replay webhook deliveries',
  usage,
  ownHelp: true,
  async run(args, context) {
    const [name, ...rest] = args;
    const command = name === undefined ? undefined : subcommands[name];
    if (rest.includes('--help') || rest.includes('-h') || name === '--help' || name === '-h') {
      context.io.stdout.write(`${command?.usage ?? usage}\n`);
      return ExitCode.OK;
    }
    if (command === undefined) {
      throw usageError(
        name === undefined
          ? 'missing subcommand: listen, trigger or replay'
          : `unknown subcommand "webhooks ${name}" (listen, trigger or replay)`,
      );
    }
    return command.run(rest, context);
  },
};
