import type { CliIo } from '../cli-io.js';
import type { ExitCode } from '../exit-code.js';
import type { Output } from './output.js';

/** What a command runs with. */
export interface CommandContext {
  io: CliIo;
  out: Output;
  /** Aborted on SIGINT/SIGTERM (or by the embedder): long-running commands stop cleanly. */
  signal: AbortSignal;
}

/** A subcommand: its one-line summary, its usage text, and its run function. */
export interface Command {
  summary: string;
  usage: string;
  /** Runs until stopped: SIGINT/SIGTERM abort its signal instead of killing the process. */
  longRunning?: boolean;
  /** The command prints its own `--help` (it delegates its flags). */
  ownHelp?: boolean;
  /** Runs the command (absent for a group such as `webhooks`). */
  run?(args: readonly string[], context: CommandContext): Promise<ExitCode>;
  /** The subcommands of a group, chosen by the next argument. */
  subcommands?: Record<string, Command>;
}
