// One environment variable per setting, and the docs name exactly those: a `PRAKERJA_*` name in a
// guide, sample or README that the SDK does not read sends a partner after a setting that does
// nothing, and a variable the SDK reads that is missing from the tables is a setting nobody finds.
// The set the SDK reads is derived from the packages' sources, not written down here.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/docs-sync.js';

const NAME = /PRAKERJA_[A-Z0-9_]+/g;

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  const absolute = path.join(ROOT, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute)
    .sort()
    .filter((name) => !['node_modules', 'dist', '.tmp', 'site'].includes(name))
    .flatMap((name) => {
      const relative = path.posix.join(dir, name);
      return statSync(path.join(ROOT, relative)).isDirectory()
        ? filesUnder(relative, keep)
        : keep(relative)
          ? [relative]
          : [];
    });
}

const PACKAGES = readdirSync(path.join(ROOT, 'packages')).filter((name) =>
  existsSync(path.join(ROOT, 'packages', name, 'src')),
);

/**
 * The variables a package's sources read: `env['PRAKERJA_X']` (or any `['PRAKERJA_X']` lookup, such
 * as `resolveEnv(options.env)['PRAKERJA_X']`), `env.PRAKERJA_X`, and the sandbox
 * CLI's `pick('flag', 'PRAKERJA_X')`. Tests and doc comments (`@example`) are not reads.
 */
export function variablesRead(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const reads = [
    ...code.matchAll(/\[\s*['"](PRAKERJA_[A-Z0-9_]+)['"]\s*\]|\benv\.(PRAKERJA_[A-Z0-9_]+)/g),
    ...code.matchAll(/pick\(\s*'[a-z-]+',\s*'(PRAKERJA_[A-Z0-9_]+)'\s*\)/g),
  ];
  return [...new Set(reads.map((match) => match[1] ?? match[2] ?? ''))].sort();
}

function readsOf(pkg: string): string[] {
  const sources = filesUnder(`packages/${pkg}/src`, (file) =>
    /(?<!\.test|\.test-d)\.ts$/.test(file),
  );
  return [
    ...new Set(
      sources.flatMap((file) => variablesRead(readFileSync(path.join(ROOT, file), 'utf8'))),
    ),
  ].sort();
}

const READS = Object.fromEntries(PACKAGES.map((pkg) => [pkg, readsOf(pkg)]));
const SDK_READS = new Set(Object.values(READS).flat());

/** Packages whose users also set the variables of another package it builds on. */
const INHERITS: Readonly<Record<string, readonly string[]>> = {
  platform: ['core'],
  provider: ['core'],
};

/** The reference signers in other languages (examples/reference-signers) read their own names. */
const EXAMPLE_READS = new Set(
  filesUnder('examples/reference-signers', (file) => !file.endsWith('.md')).flatMap((file) =>
    [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/["'](PRAKERJA_[A-Z0-9_]+)["']/g)].map(
      (match) => match[1] ?? '',
    ),
  ),
);

/** The `PRAKERJA_*` names in the rows of the table under `## Environment variables`. */
function tableVariables(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const section = /^## Environment variables[^\n]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(text)?.[1];
  if (section === undefined) return [];
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `PRAKERJA_'))
    .map((line) => /^\| `(PRAKERJA_[A-Z0-9_]+)`/.exec(line)?.[1] ?? '');
}

const DOCS = [
  'README.md',
  ...filesUnder('docs', (file) => /\.(md|ts)$/.test(file) && !file.startsWith('docs/test/')),
  ...PACKAGES.map((pkg) => `packages/${pkg}/README.md`),
  ...filesUnder('examples', (file) => file.endsWith('README.md')),
].filter((file) => existsSync(path.join(ROOT, file)));

describe('environment variables', () => {
  it('finds what the SDK reads in its sources', () => {
    expect(READS['core']).toEqual(
      expect.arrayContaining(['PRAKERJA_CLIENT_CODE', 'PRAKERJA_SIGN_KEY', 'PRAKERJA_LOG_LEVEL']),
    );
    expect(READS['provider']).toEqual(
      expect.arrayContaining([
        'PRAKERJA_STATE_SECRET',
        'PRAKERJA_REDIRECT_URI',
        'PRAKERJA_CONSENT_URL',
      ]),
    );
    expect(READS['sandbox']).toContain('PRAKERJA_SANDBOX_PORT');
    expect(
      variablesRead(
        "x = env['PRAKERJA_A'] ?? f()['PRAKERJA_D'] ?? env.PRAKERJA_B;\n  // env['PRAKERJA_C']",
      ),
    ).toEqual(['PRAKERJA_A', 'PRAKERJA_B', 'PRAKERJA_D']);
  });

  it('the docs name no PRAKERJA_* variable the SDK does not read', () => {
    const unknown: string[] = [];
    for (const file of DOCS) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const [name] of text.matchAll(NAME)) {
        if (SDK_READS.has(name)) continue;
        // `PRAKERJA_SANDBOX_<FLAG>`, `PRAKERJA_SANDBOX_*`: a prefix of names the SDK reads.
        if (name.endsWith('_') && [...SDK_READS].some((read) => read.startsWith(name))) continue;
        if (EXAMPLE_READS.has(name) && /other-languages|reference-signers/.test(file)) continue;
        unknown.push(`${file}: ${name}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('the production guide tables every variable the SDK reads, and only those', () => {
    const listed = tableVariables('docs/guides/going-to-production.md');
    expect([...SDK_READS].filter((name) => !listed.includes(name))).toEqual([]);
    expect(
      listed.filter((name) => !SDK_READS.has(name) && name !== 'PRAKERJA_WEBHOOK_SECRET'),
    ).toEqual([]);
  });

  for (const pkg of PACKAGES) {
    const expected = [
      ...new Set([
        ...(READS[pkg] ?? []),
        ...(INHERITS[pkg] ?? []).flatMap((dep) => READS[dep] ?? []),
      ]),
    ];
    if (expected.length === 0) continue;
    it(`packages/${pkg}/README.md tables the ${expected.length} variables it reads`, () => {
      const listed = tableVariables(`packages/${pkg}/README.md`);
      expect(expected.filter((name) => !listed.includes(name))).toEqual([]);
      expect(listed.filter((name) => !SDK_READS.has(name))).toEqual([]);
    });
  }
});
