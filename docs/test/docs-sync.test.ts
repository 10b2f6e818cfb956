import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CODES_GUIDE_URL, PROGRAM_ERRORS, programErrorDocUrl } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import {
  DOCS_DIR,
  extractRegion,
  includedSamples,
  listMarkdownFiles,
  ROOT,
  syncDocs,
} from '../../scripts/docs-sync.js';

const SAMPLES_DIR = path.join(DOCS_DIR, 'samples');
const samples = readdirSync(SAMPLES_DIR)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => path.join(SAMPLES_DIR, name));

it('every embedded sample and generated table matches its source (run `pnpm run docs` to refresh)', () => {
  expect(syncDocs({ check: true })).toEqual([]);
});

it('the error-handling page lists every program code the SDK knows, with both messages', () => {
  const page = readFileSync(path.join(DOCS_DIR, 'guides', 'error-handling.md'), 'utf8');
  for (const [code, info] of Object.entries(PROGRAM_ERRORS)) {
    const row = page.split('\n').find((line) => line.startsWith(`| \`${code}\` `));
    expect(row, code).toBeDefined();
    expect(row).toContain(info.meaning);
    expect(row).toContain(info.message);
  }
});

it('the error-code reference gives every code its English meaning and its fix', () => {
  const page = readFileSync(path.join(DOCS_DIR, 'guides', 'error-codes.md'), 'utf8');
  for (const [code, info] of Object.entries(PROGRAM_ERRORS)) {
    const row = page
      .split('\n')
      .find((line) => line.startsWith(`| <a id="${code}"></a>\`${code}\` `));
    expect(row, code).toBeDefined();
    expect(row).toContain(info.meaning);
    expect(info.fix, `${code} has no fix in PROGRAM_ERRORS`).toBeTruthy();
    expect(row).toContain(info.fix!.replaceAll('|', '\\|'));
  }
});

it("every code's docUrl lands on an anchor of the published error-code guide", () => {
  const page = readFileSync(path.join(DOCS_DIR, 'guides', 'error-codes.md'), 'utf8');
  const anchors = new Set([...page.matchAll(/<a id="([^"]+)"><\/a>/g)].map((match) => match[1]));
  const urls = [...Object.keys(PROGRAM_ERRORS), 'NOT-A-KNOWN-CODE'].map(programErrorDocUrl);
  for (const url of urls) {
    const [base, anchor] = (url ?? '').split('#');
    expect(base).toBe(ERROR_CODES_GUIDE_URL);
    expect(anchors.has(anchor), url).toBe(true);
  }
  // The site: GitHub Pages of the repository the packages name, where typedoc writes a project
  // document under documents/, named after its title.
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, 'packages', 'core', 'package.json'), 'utf8'),
  ) as { repository: { url: string } };
  const [, owner, repo] = /github\.com\/([^/]+)\/([^/.]+)/.exec(manifest.repository.url) ?? [];
  const title = /^title: (.+)$/m.exec(page)?.[1];
  expect(ERROR_CODES_GUIDE_URL).toBe(
    `https://${owner}.github.io/${repo}/documents/${title?.replaceAll(' ', '_')}.html`,
  );
});

it('the docs site, with the reference pages, is published to GitHub Pages on release', () => {
  const config = JSON.parse(readFileSync(path.join(ROOT, 'typedoc.json'), 'utf8')) as {
    projectDocuments: string[];
  };
  expect(config.projectDocuments).toEqual(
    expect.arrayContaining(['docs/changelog.md', 'docs/guides/error-codes.md']),
  );
  const workflow = readFileSync(path.join(ROOT, '.github', 'workflows', 'docs.yml'), 'utf8');
  expect(workflow).toContain('pnpm run docs');
  expect(workflow).toMatch(/upload-pages-artifact@v\d+\n\s+with:\n\s+path: docs\/site/);
  expect(workflow).toContain('actions/deploy-pages@');
  const release = readFileSync(path.join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8');
  expect(release).toContain('uses: ./.github/workflows/docs.yml');
});

it('every sample is shown in a guide and run by a test', () => {
  const shown = new Set(
    listMarkdownFiles().flatMap((file) => includedSamples(readFileSync(file, 'utf8'), file)),
  );
  for (const sample of samples) {
    const name = path.basename(sample, '.ts');
    expect(shown.has(sample), `${name} is included by no guide`).toBe(true);
    const test = path.join(DOCS_DIR, 'test', 'samples', `${name}.test.ts`);
    expect(existsSync(test), `${name} has no docs/test/samples/${name}.test.ts`).toBe(true);
  }
});

it('relative links in the docs point to files that exist', () => {
  for (const file of listMarkdownFiles()) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1] ?? '';
      if (/^[a-z]+:|^#/.test(target)) continue;
      const resolved = path.resolve(path.dirname(file), target.split('#')[0] ?? '');
      expect(existsSync(resolved), `${path.relative(ROOT, file)} links to ${target}`).toBe(true);
    }
  }
});

it('every guide is part of the built site (typedoc projectDocuments)', () => {
  const config = JSON.parse(readFileSync(path.join(ROOT, 'typedoc.json'), 'utf8')) as {
    projectDocuments: string[];
  };
  const guides = readdirSync(path.join(DOCS_DIR, 'guides')).map((name) => `docs/guides/${name}`);
  expect(guides.filter((guide) => !config.projectDocuments.includes(guide))).toEqual([]);
});

it("the API reference covers every published package's public entry points", () => {
  const config = JSON.parse(readFileSync(path.join(ROOT, 'typedoc.json'), 'utf8')) as {
    entryPoints: string[];
  };
  const packagesDir = path.join(ROOT, 'packages');
  for (const name of readdirSync(packagesDir)) {
    const manifestPath = path.join(packagesDir, name, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      private?: boolean;
      exports?: Record<string, string | Record<string, unknown>>;
    };
    if (manifest.private) continue;
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const source = typeof target === 'object' ? target['@prakerja-kit/source'] : undefined;
      if (typeof source !== 'string') continue;
      const entry = `packages/${name}/${source.replace(/^\.\//, '')}`;
      expect(config.entryPoints, `${name} ${subpath}`).toContain(entry);
    }
  }
});

it('extracts a region without its markers and dedents it', () => {
  const source = [
    'a',
    '  // #region x',
    '  b',
    '    // #region inner',
    '    c',
    '    // #endregion',
    '  // #endregion',
  ].join('\n');
  expect(extractRegion(source, 'x', 'test')).toBe('b\n  c');
  expect(extractRegion(source, undefined, 'test')).toBe('a\n  b\n    c');
  expect(() => extractRegion(source, 'missing', 'test')).toThrow('no "// #region missing"');
});

it('the samples type-check', { timeout: 120_000 }, () => {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(DOCS_DIR, 'tsconfig.json')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
});
