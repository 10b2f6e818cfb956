// Every TypeScript block of the guides must compile on its own, as a reader pastes it: with its
// imports. A block cut from a sample (an include region) gets its imports from `pnpm run docs`;
// when it leans on declarations elsewhere in its sample, the sync writes a "Whole file, with `X`:
// [sample](…)" line under it, and only those names may be missing. A hand-written block that
// assumes something from around it declares it in a marker on the line right before the fence:
// `<!-- snippet-check: prelude declare const app: App; -->`.
//
// All blocks compile in one TypeScript program (fast), each in its own module file under
// `docs/.tmp/snippets/` (git-ignored), so `../../samples/x.js` resolves as from `docs/test/samples/`.
// The READMEs' blocks are checked the same way by readmes.test.ts.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';
import { DOCS_DIR, listMarkdownFiles, ROOT } from '../../scripts/docs-sync.js';

interface Snippet {
  label: string;
  file: string;
  code: string;
  prelude: string;
  /** Names the block may leave undeclared: its "whole file" line lists them. */
  leans: string[];
}

const BLOCK =
  /^(?:<!-- snippet-check: prelude ([^\n]*?) -->\n)?```ts\n([\s\S]*?)^```\n(?:\nWhole file, with ([^:\n]+): \[[^\]]+\]\([^)]+\)\.\n)?/gm;

const OUT_DIR = path.join(DOCS_DIR, '.tmp', 'snippets');

function extractSnippets(): Snippet[] {
  const snippets: Snippet[] = [];
  for (const markdown of listMarkdownFiles()) {
    const name = path.basename(markdown, '.md');
    let index = 0;
    for (const match of readFileSync(markdown, 'utf8').matchAll(BLOCK)) {
      index++;
      snippets.push({
        label: `${path.relative(ROOT, markdown)} block ${index}`,
        file: path.join(OUT_DIR, `${name}-${index}.ts`),
        prelude: match[1] ?? '',
        code: match[2] ?? '',
        leans: [...(match[3] ?? '').matchAll(/`([^`]+)`/g)].map((lean) => lean[1] ?? ''),
      });
    }
  }
  return snippets;
}

/** Compiles every snippet in one program; returns the problems, one line each. */
function compile(snippets: readonly Snippet[]): string[] {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  for (const snippet of snippets) {
    // The prelude shares the first line, so line numbers are the block's own.
    writeFileSync(snippet.file, `${snippet.prelude} export {};\n${snippet.code}`);
  }
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(DOCS_DIR, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!config) throw new Error('no docs/tsconfig.json');
  // Third-party clients the guides show (ioredis, pg, redis) are dev dependencies of the package
  // that uses them; resolve them from there rather than adding them to the docs package.
  const options: ts.CompilerOptions = {
    ...config.options,
    paths: {
      '*': [
        path.join(ROOT, 'packages/webhooks/node_modules/@types/*'),
        path.join(ROOT, 'packages/webhooks/node_modules/*'),
      ],
    },
  };
  const program = ts.createProgram(
    snippets.map((snippet) => snippet.file),
    options,
  );
  const problems: string[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const snippet = snippets.find((candidate) => candidate.file === diagnostic.file?.fileName);
    if (!snippet || !diagnostic.file) continue;
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const missing = /^Cannot find name '([^']+)'/.exec(message)?.[1];
    if (missing !== undefined && snippet.leans.includes(missing)) continue;
    // A name from the whole file is `any` here, and so is what is derived from it.
    if (snippet.leans.length > 0 && /implicitly has an 'any' type/.test(message)) continue;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    problems.push(`${snippet.label}, line ${line}: ${message}`);
  }
  return problems;
}

const snippets = extractSnippets();

it('finds the guides’ TypeScript blocks, included and hand-written', () => {
  expect(snippets.length).toBeGreaterThanOrEqual(30);
  expect(snippets.map((snippet) => snippet.label)).toContain(
    'docs/guides/attendance-verification.md block 1',
  );
});

it('every TypeScript block of the guides compiles on its own, with its imports', {
  timeout: 120_000,
}, () => {
  expect(compile(snippets)).toEqual([]);
});

it('a block without its imports fails, and a "whole file" line excuses only the names it lists', {
  timeout: 120_000,
}, () => {
  const bare: Snippet = {
    label: 'bare',
    file: path.join(OUT_DIR, 'bare.ts'),
    prelude: '',
    code: 'export const client = createPlatformClient({});\nexport const n: Order = 1;\n',
    leans: ['Order'],
  };
  const problems = compile([bare]);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/bare, line 1: Cannot find name 'createPlatformClient'/);
});
