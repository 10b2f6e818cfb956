import type { CliIo } from '../cli-io.js';
import type { CliError } from './cli-error.js';

const STYLES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

/** A text style; a no-op when colour is off. */
export type Style = keyof typeof STYLES;

/**
 * Terminal output of one command run: colour and progress only on a TTY (and never with
 * `NO_COLOR` or `--json`), plain lines otherwise, one JSON document with `--json`.
 */
export class Output {
  readonly json: boolean;
  readonly color: boolean;
  readonly progressEnabled: boolean;
  private readonly io: CliIo;

  constructor(io: CliIo, options: { json: boolean; noColor: boolean }) {
    this.io = io;
    this.json = options.json;
    const noColorEnv = io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '';
    const forced = io.env['FORCE_COLOR'] !== undefined && io.env['FORCE_COLOR'] !== '0';
    this.color =
      !options.json && !options.noColor && !noColorEnv && (io.stdout.isTTY === true || forced);
    this.progressEnabled = !options.json && io.stderr.isTTY === true;
  }

  /** Applies a style when colour is on. */
  style(style: Style, text: string): string {
    if (!this.color) return text;
    const [open, close] = STYLES[style];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  }

  /** A line of the human-readable result (suppressed with `--json`). */
  line(text = ''): void {
    if (!this.json) this.io.stdout.write(`${text}\n`);
  }

  /** The machine-readable result (only with `--json`). */
  result(value: unknown): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** One JSON line per event, for streaming commands with `--json`. */
  event(value: unknown): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** Progress for a person at a terminal; silent in scripts. */
  progress(text: string): void {
    if (this.progressEnabled) this.io.stderr.write(`${this.style('dim', text)}\n`);
  }

  /** A warning on stderr (also in scripts, never with `--json`). */
  warn(text: string): void {
    if (!this.json) this.io.stderr.write(`${this.style('yellow', 'warning')} ${text}\n`);
  }

  /** Reports a failure: one stderr line, or a JSON error document on stdout with `--json`. */
  fail(error: CliError): void {
    if (this.json) {
      const body = { ok: false, error: { kind: error.kind, message: error.message } };
      this.io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      return;
    }
    this.io.stderr.write(`${this.style('red', 'error')} ${error.message}\n`);
  }
}
