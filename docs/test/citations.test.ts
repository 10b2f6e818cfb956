// Code and docs cite the program reference by section ("program-api.md §4.3"). Every cited
// section must exist in docs/program-api.md, or the citation sends a partner developer nowhere.
import { createHmac } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROGRAM_ERRORS } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import { ROOT } from '../../scripts/docs-sync.js';
import {
  danglingCitations,
  findCitations,
  formatCitations,
  type Source,
  sectionsOf,
} from './support/citations.js';

const REFERENCE_PATH = path.join(ROOT, 'docs', 'program-api.md');
const reference = readFileSync(REFERENCE_PATH, 'utf8');

// Built, not written out, so that this file never cites anything itself.
const NAME = ['program-api', 'md'].join('.');

const SKIPPED_DIRS = new Set([
  'node_modules',
  'dist',
  'coverage',
  'site',
  '.tmp',
  '.turbo',
  '.git',
]);
const TEXT_FILE = /\.(?:[cm]?[jt]sx?|md|mdx|json|html|ya?ml|txt)$/;

/** Text files under a repository path (a file or a folder), skipping build output. */
function walk(relative: string): string[] {
  const absolute = path.join(ROOT, relative);
  if (!existsSync(absolute)) return [];
  if (statSync(absolute).isFile()) return TEXT_FILE.test(relative) ? [relative] : [];
  return readdirSync(absolute)
    .sort()
    .filter((name) => !SKIPPED_DIRS.has(name))
    .flatMap((name) => walk(path.posix.join(relative, name)));
}

/** Everything that may cite the reference: package sources, tests and READMEs, docs, examples. */
function citingFiles(): string[] {
  const packages = readdirSync(path.join(ROOT, 'packages')).sort();
  return [
    'README.md',
    ...packages.flatMap((name) => [
      ...walk(`packages/${name}/src`),
      ...walk(`packages/${name}/test`),
      ...walk(`packages/${name}/README.md`),
      ...walk(`packages/${name}/CHANGELOG.md`),
    ]),
    // docs/test holds this checker's own fake citations; the samples are shown in the guides.
    ...walk('docs').filter((file) => file.endsWith('.md') || file.startsWith('docs/samples/')),
    ...walk('examples'),
    ...walk('tests'),
    ...walk('scripts'),
    ...walk('.changeset').filter((file) => file.endsWith('.md')),
  ];
}

const sources: Source[] = citingFiles().map((file) => ({
  file,
  text: readFileSync(path.join(ROOT, file), 'utf8'),
}));

it('every cited section of the program reference exists in docs/program-api.md', () => {
  const citations = sources.flatMap(findCitations);
  // The scan reaches the known citing files (a silent empty scan would pass anything).
  expect(citations.length).toBeGreaterThan(50);
  expect(new Set(citations.map((citation) => citation.file))).toContain(
    'packages/core/src/constants.ts',
  );
  expect(formatCitations(danglingCitations(sources, reference))).toEqual([]);
});

it('fails on a citation of a section the reference does not have', () => {
  const fakeReference = '# Fake\n\n## 1. One\n\n### 1.1 One point one\n\n## 2. Two\n';
  const fakeSource: Source = {
    file: 'packages/fake/src/fake.ts',
    text: `/** Valid (${NAME} §1.1). */\nconst a = 1;\n// Dangling (${NAME} §42).\n`,
  };
  expect(formatCitations(danglingCitations([fakeSource], fakeReference))).toEqual([
    'packages/fake/src/fake.ts:3 §42',
  ]);
});

it('passes when every citation names a section of the reference', () => {
  const fakeReference = '## 1. One\n\n### 1.1 One point one\n\n## 2. Two\n';
  const fakeSource: Source = {
    file: 'docs/fake.md',
    text: `See \`${NAME}\` §1.1 and ${NAME} §2, §1.\n`,
  };
  expect(findCitations(fakeSource).map((citation) => citation.section)).toEqual(['1.1', '2', '1']);
  expect(danglingCitations([fakeSource], fakeReference)).toEqual([]);
});

it('reads ranges, lists and citations wrapped across comment lines', () => {
  const text = [
    `/** (${NAME} §4.3-4.4) and (${NAME} §4.9-§4.10), ${NAME} §6, §9. */`,
    ` * the lists are unreadable, ${NAME} §5 and`,
    ' * §9). Not a section: §3, 2 retries.',
    ` * (${NAME}`,
    ' * §4.7, UNCERTAIN).',
  ].join('\n');
  expect(formatCitations(findCitations({ file: 'f.ts', text }))).toEqual([
    'f.ts:1 §4.3',
    'f.ts:1 §4.4',
    'f.ts:1 §4.9',
    'f.ts:1 §4.10',
    'f.ts:1 §6',
    'f.ts:1 §9',
    'f.ts:2 §5',
    'f.ts:3 §9',
    'f.ts:5 §4.7',
  ]);
});

it('takes sections only from numbered headings outside code blocks', () => {
  const fakeReference = [
    '## 3. Signing',
    '### Credentials',
    '### 4.12 SSO: Construct OAuth URL (browser)',
    '```sh',
    '# 5 is not a heading here',
    '```',
    'Text that mentions 6. is not a heading.',
  ].join('\n');
  expect([...sectionsOf(fakeReference)]).toEqual(['3', '4.12']);
});

it('the reference keeps the numbering the code cites: §1-§9, §2.1-§2.8 and §4.1-§4.17', () => {
  const expected = [
    ...Array.from({ length: 9 }, (_, index) => `${index + 1}`),
    ...Array.from({ length: 8 }, (_, index) => `2.${index + 1}`),
    ...Array.from({ length: 17 }, (_, index) => `4.${index + 1}`),
  ];
  const sections = sectionsOf(reference);
  expect(expected.filter((section) => !sections.has(section))).toEqual([]);
});

it('lists every documented program code in §5, and no SBX_ code as documented', () => {
  const errorSection = reference.slice(
    reference.indexOf('\n## 5. '),
    reference.indexOf('\n## 6. '),
  );
  const documented = Object.entries(PROGRAM_ERRORS)
    .filter(([, info]) => info.documented)
    .map(([code]) => code);
  expect(documented).toHaveLength(7);
  for (const code of documented) expect(errorSection, code).toContain(`\`${code}\``);
  expect(documented.filter((code) => code.startsWith('SBX_'))).toEqual([]);
});

it('the signing vectors printed in §3 are what HMAC-SHA1 gives', () => {
  const hmac = (message: string) => createHmac('sha1', 'my_sign_key').update(message).digest('hex');
  const vector =
    'myclient_code1516239022POST/api/v1/integration/payment/redeem-code/commit{"redeem_code":"code"}';
  const worked =
    'client_code1698289216POST/api/v1/integration/payment/redeem-code/status{"redeem_code":"GHOPNYXUVMT0","sequence":1}';
  for (const message of [vector, worked]) {
    expect(reference).toContain(message);
    expect(reference).toContain(hmac(message));
  }
});
