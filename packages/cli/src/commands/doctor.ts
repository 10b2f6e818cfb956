import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CapturedRequest, CaptureFormat, SignatureDiagnosis } from '@prakerja-kit/sandbox';
import { ExitCode } from '../exit-code.js';
import { usageError } from '../internal/cli-error.js';
import type { Command } from '../internal/command.js';
import type { Output } from '../internal/output.js';
import { integerFlag, parseFlags } from '../internal/parse-flags.js';
import { readSignKey, readTextArgument } from '../internal/read-input.js';

const usage = `Usage: prakerja doctor CAPTURE [--now SECONDS] [--tolerance SECONDS] [--json]
       prakerja doctor --headers FILE --body FILE [--method POST] [--url URL] [...]

Rebuilds the canonical raw_signature of a captured request and names what is wrong with its
signature: timestamp skew or mismatch, a path with host or query, a body re-serialised or
reordered, upper-case hex, another key or algorithm. It recomputes candidates under each
hypothesis and reports the one that reproduces the captured signature.

  CAPTURE              a file ("-" for stdin) holding a curl command or raw HTTP
                       (request line, headers, blank line, body)
  --format FORMAT      curl, http or headers (default: detected)
  --headers FILE       header lines (optionally a request line first), with --body
  --body FILE          the exact body bytes that were sent
  --method METHOD      method when the capture has none (default POST)
  --url URL            URL or path when the capture has none
  --now SECONDS        when the request was sent, Unix seconds (default: its Date header, else now)
  --tolerance SECONDS  accepted clock difference (default 300)
  --json               print the diagnosis as JSON

The key comes from $PRAKERJA_SIGN_KEY, else stdin. It is never printed.
Exit codes: 0 the signature is valid, 1 a fault was found, 2 unreadable capture, 3 no key.`;

/** `prakerja doctor`: names the wrong component of a captured request's signature. */
export const doctorCommand: Command = {
  summary: 'diagnose the signature of a captured request (curl or raw HTTP)',
  usage,
  async run(args, { io, out }) {
    const { values, positionals } = parseFlags(args, {
      format: { type: 'string' },
      headers: { type: 'string' },
      body: { type: 'string' },
      method: { type: 'string' },
      url: { type: 'string' },
      now: { type: 'string' },
      tolerance: { type: 'string' },
    });
    if (positionals.length > 1) throw usageError(`unexpected argument "${positionals[1]}"`);
    const format = values.format;
    if (format !== undefined && format !== 'curl' && format !== 'http' && format !== 'headers') {
      throw usageError(`--format must be curl, http or headers, got "${format}"`);
    }
    const file = positionals[0] ?? values.headers;
    if (file === undefined) throw usageError('give a capture file (or - for stdin), or --headers');
    if (positionals[0] !== undefined && values.headers !== undefined) {
      throw usageError('give a capture file or --headers, not both');
    }
    const text = await readTextArgument(io, file, 'the capture');
    const body =
      values.body === undefined ? undefined : await readTextArgument(io, values.body, 'the body');
    const base = file === '-' ? io.cwd : dirname(resolve(io.cwd, file));
    // The doctor lives in the sandbox package (its dashboard runs it on refused requests); loaded
    // here on demand so the other commands start without it.
    const { diagnoseSignature, parseCapture } = await import('@prakerja-kit/sandbox');
    let request: CapturedRequest;
    try {
      request = parseCapture(text, {
        format: (values.headers !== undefined ? 'headers' : format) as CaptureFormat | undefined,
        body,
        method: values.method,
        url: values.url,
        readDataFile: (path) => readFileSync(resolve(base, path), 'utf8'),
      });
    } catch (error) {
      throw usageError(`cannot parse the capture: ${(error as Error).message}`);
    }
    const stdinInUse = file === '-' || values.body === '-';
    const signKey = await readSignKey(io, stdinInUse);
    const diagnosis = diagnoseSignature(request, {
      signKey,
      now: integerFlag(values.now, 'now'),
      toleranceSeconds: integerFlag(values.tolerance, 'tolerance'),
    });
    out.result(diagnosis);
    print(out, diagnosis);
    return diagnosis.ok ? ExitCode.OK : ExitCode.CHECK_FAILED;
  },
};

function print(out: Output, diagnosis: SignatureDiagnosis): void {
  const { request, canonical, match } = diagnosis;
  const headline = diagnosis.ok
    ? out.style('green', 'signature valid')
    : out.style(
        'red',
        `signature problem: ${diagnosis.faults.map((fault) => fault.code).join(', ')}`,
      );
  out.line(headline);
  out.line();
  const row = (name: string, value: string | null) =>
    out.line(`  ${out.style('dim', name.padEnd(20))}${value ?? out.style('red', '(missing)')}`);
  row('client_code', request.clientCode);
  row('timestamp', request.timestamp === null ? null : `${request.timestamp}${skew(diagnosis)}`);
  row('method', request.method);
  row(
    'path',
    request.path +
      (request.query === null ? '' : out.style('dim', ` (query ?${request.query} not signed)`)),
  );
  row('body', request.body === '' ? '(empty)' : `${request.body.length} characters`);
  row('captured signature', request.signature);
  if (canonical) {
    row('expected signature', canonical.signature || unsignable(diagnosis));
    out.line();
    out.line(`  canonical raw_signature:`);
    out.line(`    ${canonical.rawSignature}`);
  }
  if (match && match.hypotheses.length > 0) {
    out.line(`  raw_signature that reproduces the captured signature:`);
    out.line(`    ${out.style('yellow', match.rawSignature)}`);
  }
  for (const fault of diagnosis.faults) {
    out.line();
    out.line(
      `${out.style('bold', fault.code)} ${out.style('dim', `(${fault.component}, ${fault.evidence})`)}`,
    );
    out.line(`  ${fault.message}`);
    out.line(`  likely cause: ${fault.cause}`);
    out.line(`  fix: ${fault.fix}`);
  }
  for (const note of diagnosis.notes) {
    out.line();
    out.line(`${out.style('cyan', 'note')} ${note}`);
  }
}

function skew(diagnosis: SignatureDiagnosis): string {
  if (diagnosis.skewSeconds === null) return '';
  const sign = diagnosis.skewSeconds > 0 ? '+' : '';
  return ` (${sign}${diagnosis.skewSeconds} s vs ${diagnosis.reference.source === 'clock' ? 'now' : diagnosis.reference.source === 'option' ? '--now' : 'Date header'})`;
}

/** Why there is no expected signature: the SDK refuses to sign these inputs, and which fault says so. */
function unsignable(diagnosis: SignatureDiagnosis): string {
  const named = diagnosis.faults
    .filter((fault) => fault.component === 'timestamp' || fault.component === 'path')
    .map((fault) => fault.code);
  return named.length > 0
    ? `(none: these inputs cannot be signed; fix ${named.join(', ')}, explained below)`
    : '(none: the SDK refuses to sign this timestamp or path as sent)';
}
