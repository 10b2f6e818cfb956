import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createVectors } from '../create-vectors.js';
import { ExitCode } from '../exit-code.js';
import { usageError } from '../internal/cli-error.js';
import type { Command } from '../internal/command.js';
import { parseFlags } from '../internal/parse-flags.js';

const usage = `Usage: prakerja vectors [--scheme program|events|all] [--out FILE] [--json]

Emits JSON conformance vectors for the program's request signatures (HMAC-SHA1, including the
official test vector) and the SDK's event deliveries (Standard Webhooks), with negative cases.
A signer passes when it reproduces every "expected_signature"; a verifier passes when it accepts
exactly the vectors with "valid": true, its clock set to "now". Output is always JSON. The
same document ships in this package as vectors/conformance-vectors.json.

  --scheme NAME   program, events or all (default all)
  --out FILE      write to FILE instead of stdout`;

/** `prakerja vectors`: conformance vectors for signers and verifiers in other languages. */
export const vectorsCommand: Command = {
  summary: 'emit JSON conformance vectors for both signing schemes',
  usage,
  async run(args, { io, out }) {
    const { values, positionals } = parseFlags(args, {
      scheme: { type: 'string', default: 'all' },
      out: { type: 'string' },
    });
    if (positionals.length > 0) throw usageError(`unexpected argument "${positionals[0]}"`);
    const scheme = values.scheme;
    if (scheme !== 'all' && scheme !== 'program' && scheme !== 'events') {
      throw usageError(`--scheme must be program, events or all, got "${scheme}"`);
    }
    const vectors = createVectors();
    const document = {
      format: vectors.format,
      version: vectors.version,
      ...(scheme === 'events' ? {} : { program: vectors.program }),
      ...(scheme === 'program' ? {} : { events: vectors.events }),
    };
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (values.out === undefined) {
      io.stdout.write(text);
      return ExitCode.OK;
    }
    const file = resolve(io.cwd, values.out);
    await writeFile(file, text);
    const count = (document.program?.vectors.length ?? 0) + (document.events?.vectors.length ?? 0);
    out.result({ ok: true, file, vectors: count });
    out.line(`wrote ${count} vectors to ${file}`);
    return ExitCode.OK;
  },
};
