import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createSandbox } from '@prakerja-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Issue 20: the reference signers and verifiers in examples/reference-signers/ (PHP, Python, Java,
// Go; standard library only) pass every conformance vector, fail on a broken one, and complete a
// DP purchase (quota, send-otp, OTP from the SMS inbox, authorize, status, void) and an LP
// redeem-code status call against the sandbox server over real HTTP. A missing toolchain is a
// failure, not a skip: `node scripts/ensure-system-deps.mjs` installs them.

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLES = join(ROOT, 'examples/reference-signers');
const VECTORS = join(ROOT, 'packages/cli/vectors/conformance-vectors.json');
const work = mkdtempSync(join(tmpdir(), 'prakerja-polyglot-'));
const GO_ENV = { GOTOOLCHAIN: 'local', GOPROXY: 'off', GOFLAGS: '-mod=mod' };

interface Language {
  name: string;
  /** Programs that must be on PATH. */
  tools: string[];
  /** Compiles once (Java, Go), so each run below starts fast. */
  prepare?: () => void;
  /** The command that runs the reference code with these arguments. */
  command: (args: string[]) => [string, string[]];
}

function run(program: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(program, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`${program} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
  }
}

const languages: Language[] = [
  {
    name: 'python',
    tools: ['python3'],
    command: (args) => ['python3', [join(EXAMPLES, 'python/prakerja_reference.py'), ...args]],
  },
  {
    name: 'php',
    tools: ['php'],
    command: (args) => ['php', [join(EXAMPLES, 'php/prakerja_reference.php'), ...args]],
  },
  {
    name: 'java',
    tools: ['javac', 'java'],
    prepare: () =>
      run('javac', ['-d', join(work, 'java'), 'PrakerjaReference.java'], join(EXAMPLES, 'java')),
    command: (args) => ['java', ['-cp', join(work, 'java'), 'PrakerjaReference', ...args]],
  },
  {
    name: 'go',
    tools: ['go'],
    prepare: () =>
      run('go', ['build', '-o', join(work, 'go-reference'), 'main.go'], join(EXAMPLES, 'go'), {
        ...GO_ENV,
        GOCACHE: process.env['GOCACHE'] ?? join(tmpdir(), 'prakerja-go-cache'),
      }),
    command: (args) => [join(work, 'go-reference'), args],
  },
];

const onPath = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function execute(language: Language, args: string[], env: NodeJS.ProcessEnv = {}) {
  const [program, argv] = language.command(args);
  return new Promise<Outcome>((done, failed) => {
    const child = spawn(program, argv, { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', failed);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

const vectors = JSON.parse(readFileSync(VECTORS, 'utf8')) as {
  program: { vectors: { name: string; expected_signature: string }[] };
  events: { vectors: unknown[] };
};
const vectorCount = vectors.program.vectors.length + vectors.events.vectors.length;

// The official vector with a wrong expected signature (last hex digit changed).
const brokenFile = join(work, 'broken-vectors.json');
{
  const broken = structuredClone(vectors);
  const official = broken.program.vectors[0]!;
  const last = official.expected_signature.at(-1);
  official.expected_signature = `${official.expected_signature.slice(0, -1)}${last === '0' ? '1' : '0'}`;
  writeFileSync(brokenFile, JSON.stringify(broken, null, 2));
}

// Two sandbox servers that each accept only one placement of the authorize `Authorization` value
// (program-api.md §3, UNCERTAIN): strict-http leaves it out of raw_signature (the portal's
// description, the reference code's default), terse puts it in (the official Go helper; the
// reference code with PRAKERJA_SIGN_AUTHORIZATION=1). Their other switches differ too (HTTP
// statuses, error codes, token field names), which the journey must also get through.
const sandboxes = {
  outside: createSandbox({ seed: 20, profile: 'strict-http' }),
  inside: createSandbox({ seed: 21, profile: 'terse' }),
};
const journeyEnv: Record<keyof typeof sandboxes, NodeJS.ProcessEnv> = { outside: {}, inside: {} };

beforeAll(async () => {
  for (const placement of ['outside', 'inside'] as const) {
    const sandbox = sandboxes[placement];
    const { url } = await sandbox.listen({ port: 0, host: '127.0.0.1' });
    const dp = sandbox.fixtures.platforms[0]!;
    const lp = sandbox.fixtures.providers[0]!;
    journeyEnv[placement] = {
      PRAKERJA_BASE_URL: url,
      PRAKERJA_DP_CLIENT_CODE: dp.clientCode,
      PRAKERJA_DP_SIGN_KEY: dp.signKey,
      PRAKERJA_LP_CLIENT_CODE: lp.clientCode,
      PRAKERJA_LP_SIGN_KEY: lp.signKey,
      PRAKERJA_SIGN_AUTHORIZATION: placement === 'inside' ? '1' : '0',
    };
  }
});

afterAll(async () => {
  await Promise.all([sandboxes.outside.close(), sandboxes.inside.close()]);
  rmSync(work, { recursive: true, force: true });
});

describe.each(languages)('$name reference signer', (language) => {
  const missing = language.tools.filter((tool) => !onPath(tool));
  const requireToolchain = () => {
    if (missing.length > 0) {
      throw new Error(
        `${missing.join(', ')} not found: run \`node scripts/ensure-system-deps.mjs\` (as root on Debian it installs php-cli, golang-go, default-jdk-headless and python3)`,
      );
    }
  };

  beforeAll(() => {
    if (missing.length === 0) language.prepare?.();
  }, 90_000);

  it('has its toolchain installed', () => {
    requireToolchain();
  });

  it('passes every conformance vector', async () => {
    requireToolchain();
    const result = await execute(language, ['vectors', VECTORS]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('0 failure(s)');
    expect(result.stdout.match(/^ok {3}/gm)).toHaveLength(vectorCount);
    expect(result.code).toBe(0);
  });

  it('exits non-zero when a vector has a wrong expected signature', async () => {
    requireToolchain();
    const result = await execute(language, ['vectors', brokenFile]);
    expect(result.stdout).toMatch(
      /^FAIL program\/official-example-repository: signature differs from expected_signature$/m,
    );
    expect(result.stdout).toContain('1 failure(s)');
    expect(result.code).not.toBe(0);
  });

  it.each(['outside', 'inside'] as const)(
    'buys, checks and voids a course as a DP and reads a redeem code as an LP (Authorization %s raw_signature)',
    async (placement) => {
      requireToolchain();
      const env = journeyEnv[placement];
      const result = await execute(language, ['journey'], env);
      expect(result.code, result.stderr).toBe(0);
      const invoice = /journey complete: invoice (\S+) voided/.exec(result.stdout)?.[1];
      expect(invoice).toBeDefined();
      const purchase = sandboxes[placement].control.transactions.byInvoice(invoice!);
      expect(purchase).toMatchObject({
        clientCode: env['PRAKERJA_DP_CLIENT_CODE'],
        status: 'VOID',
      });
      expect(purchase?.voidedAt).not.toBeNull();
      expect(result.stdout).toContain('/api/v1/integration/payment/redeem-code/status: OK');
    },
  );
});
