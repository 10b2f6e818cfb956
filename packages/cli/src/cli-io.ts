import type { Readable } from 'node:stream';

/** A stream the CLI writes text to; `isTTY` turns on colour and progress. */
export interface OutputStream {
  /** Writes a chunk of text. */
  write(chunk: string): unknown;
  /** True for a terminal. */
  isTTY?: boolean | undefined;
}

/**
 * Where {@link runCli} reads and writes: the process by default, replaceable for embedding and tests.
 */
export interface CliIo {
  /** Results (text or `--json`). */
  stdout: OutputStream;
  /** Progress, warnings and errors. */
  stderr: OutputStream;
  /** Input for `-` arguments and the sign key. */
  stdin: Readable & {
    /** True for a terminal (the key is then prompted for without echo). */
    isTTY?: boolean | undefined;
    /** Turns terminal echo off and on around the key prompt. */
    setRawMode?: (mode: boolean) => unknown;
  };
  /** Environment variables (`PRAKERJA_SIGN_KEY`, `PRAKERJA_CLIENT_CODE`, ...). */
  env: Record<string, string | undefined>;
  /** Directory that relative file arguments are resolved against. */
  cwd: string;
  /**
   * Stops long-running commands (`sandbox`, `webhooks listen`) when aborted.
   * @default aborted on SIGINT or SIGTERM
   */
  signal?: AbortSignal | undefined;
}

/** The process's own streams, environment and working directory. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}
