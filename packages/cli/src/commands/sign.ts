import { ProgramHeader } from '@prakerja-kit/core';
import { buildRawSignature, createSignature } from '@prakerja-kit/core/signature';
import { ExitCode } from '../exit-code.js';
import { CliError, usageError } from '../internal/cli-error.js';
import type { Command } from '../internal/command.js';
import { integerFlag, parseFlags } from '../internal/parse-flags.js';
import { readSignKey, readTextArgument } from '../internal/read-input.js';

const usage = `Usage: prakerja sign --path PATH [--method POST] [--body JSON | --body-file FILE]
                     [--client-code CODE] [--timestamp SECONDS] [--json]

Prints the program's raw_signature and signature (lower-case hex HMAC-SHA1) for one request, and
every header to send with it (Content-Type, client_code, timestamp, signature, Authorization). A
body that is not valid JSON is signed as given, with a warning.

  --path PATH          URL path only, e.g. /api/v1/integration/payment/status
  --method METHOD      HTTP method (default POST)
  --body JSON          the exact body that will be sent (default: none)
  --body-file FILE     read the exact body from FILE ("-" for stdin)
  --compact            re-serialise a JSON body compactly before signing (then send that)
  --client-code CODE   client_code (default: $PRAKERJA_CLIENT_CODE)
  --timestamp SECONDS  Unix time in seconds (default: now)
  --authorization VAL  Authorization header value (payment/authorize), see --sign-authorization
  --sign-authorization put the Authorization value between path and body (official Go helper)
  --json               print JSON

The key comes from $PRAKERJA_SIGN_KEY, else from stdin (hidden prompt at a terminal). It is never
printed.`;

/** `prakerja sign`: the canonical string and signature for a request. */
export const signCommand: Command = {
  summary: 'print raw_signature and signature for a request',
  usage,
  async run(args, { io, out }) {
    const { values, positionals } = parseFlags(args, {
      path: { type: 'string' },
      method: { type: 'string', default: 'POST' },
      body: { type: 'string' },
      'body-file': { type: 'string' },
      compact: { type: 'boolean' },
      'client-code': { type: 'string' },
      timestamp: { type: 'string' },
      authorization: { type: 'string' },
      'sign-authorization': { type: 'boolean' },
    });
    if (positionals.length > 0) throw usageError(`unexpected argument "${positionals[0]}"`);
    if (values.path === undefined) throw usageError('--path is required');
    if (values.body !== undefined && values['body-file'] !== undefined) {
      throw usageError('use --body or --body-file, not both');
    }
    const clientCode = values['client-code'] ?? io.env['PRAKERJA_CLIENT_CODE'];
    if (!clientCode) {
      throw new CliError(
        'config',
        'no client code: pass --client-code or set PRAKERJA_CLIENT_CODE',
      );
    }
    const bodyFile = values['body-file'];
    let body = values.body ?? (bodyFile ? await readTextArgument(io, bodyFile, 'the body') : '');
    const warnings: string[] = [];
    if (values.compact) body = compactJson(body);
    else if (body !== '' && !isJson(body)) {
      warnings.push(
        'the body is not valid JSON: the program expects a JSON body, so it will refuse this request (check the quoting in your shell, or use --body-file); signing it as given',
      );
    } else if (isLooseJson(body)) {
      warnings.push(
        'the body is JSON but not compact: sign and send exactly these bytes, or use --compact',
      );
    }
    for (const warning of warnings) out.warn(warning);
    const timestamp = integerFlag(values.timestamp, 'timestamp') ?? Math.floor(Date.now() / 1000);
    const params = {
      clientCode,
      timestamp,
      method: values.method,
      path: values.path,
      body,
      authorization: values.authorization,
      signAuthorization: values['sign-authorization'] === true,
    };
    let rawSignature: string;
    try {
      rawSignature = buildRawSignature(params);
    } catch (error) {
      throw usageError((error as Error).message);
    }
    const signKey = await readSignKey(io, bodyFile === '-');
    const signature = await createSignature({ ...params, signKey });
    const headers = {
      // The clients send every body as JSON; the program reads no other type.
      ...(body === '' ? {} : { 'Content-Type': 'application/json' }),
      [ProgramHeader.CLIENT_CODE]: clientCode,
      [ProgramHeader.TIMESTAMP]: String(timestamp),
      [ProgramHeader.SIGNATURE]: signature,
      ...(values.authorization ? { [ProgramHeader.AUTHORIZATION]: values.authorization } : {}),
    };
    out.result({ ok: true, rawSignature, signature, body, headers, warnings });
    out.line(`${out.style('bold', 'raw_signature')}  ${rawSignature}`);
    out.line(`${out.style('bold', 'signature')}      ${out.style('green', signature)}`);
    out.line();
    out.line('Headers to send:');
    for (const [name, value] of Object.entries(headers)) out.line(`  ${name}: ${value}`);
    return ExitCode.OK;
  },
};

function compactJson(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body));
  } catch {
    throw usageError('--compact needs a JSON body');
  }
}

function isJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

function isLooseJson(body: string): boolean {
  try {
    return JSON.stringify(JSON.parse(body)) !== body;
  } catch {
    return false;
  }
}
