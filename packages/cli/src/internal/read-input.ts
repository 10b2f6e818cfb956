import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliIo } from '../cli-io.js';
import { CliError, usageError } from './cli-error.js';

/** Reads all of stdin as UTF-8 text. */
export async function readStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a file argument (`-` is stdin) exactly, as UTF-8 text. */
export async function readTextArgument(io: CliIo, file: string, what: string): Promise<string> {
  if (file === '-') return readStdin(io);
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw usageError(`cannot read ${what} from ${file} (${code})`);
  }
}

/**
 * Reads the sign key: `PRAKERJA_SIGN_KEY`, else stdin (a hidden prompt at a terminal, else the
 * first line). The key is never echoed, and never put in an error message.
 */
export async function readSignKey(io: CliIo, stdinInUse: boolean): Promise<string> {
  const fromEnv = io.env['PRAKERJA_SIGN_KEY'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (stdinInUse) {
    throw new CliError(
      'config',
      'no sign key: stdin already carries the input, so set PRAKERJA_SIGN_KEY',
    );
  }
  const key = io.stdin.isTTY
    ? await promptHidden(io, 'Sign key: ')
    : firstLine(await readStdin(io));
  if (key === '') {
    throw new CliError('config', 'no sign key: set PRAKERJA_SIGN_KEY or pipe the key on stdin');
  }
  return key;
}

function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

/** Reads one line from a terminal without echoing it. */
function promptHidden(io: CliIo, prompt: string): Promise<string> {
  const { stdin, stderr } = io;
  stderr.write(prompt);
  return new Promise((resolvePromise, reject) => {
    let value = '';
    stdin.setRawMode?.(true);
    stdin.setEncoding('utf8');
    const finish = (error?: CliError) => {
      stdin.setRawMode?.(false);
      stdin.off('data', onData);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolvePromise(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new CliError('config', 'cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}
