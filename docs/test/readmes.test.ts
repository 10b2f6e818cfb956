// The READMEs are the first code a partner developer copies, so every TypeScript block in them is
// type-checked, and the self-contained quick starts are run against the sandbox.
//
// Markers, in an HTML comment on the line right before a block (GitHub and npm do not show it):
// - `<!-- readme-check: prelude <code> -->` declares what the block assumes from around it
//   (`app`, `pay`...), so the block itself stays as a reader would paste it;
// - `<!-- readme-check: run -->` runs the block as a program; it must exit 0 without stderr.
//
// Each block is written to `<README's folder>/.tmp/readme/` (git-ignored), so its imports
// resolve as they would in that package: package READMEs import the package itself by name.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/docs-sync.js';

interface Block {
  /** Repository-relative README path and 1-based block number, for messages. */
  label: string;
  file: string;
  code: string;
  prelude: string;
  run: boolean;
}

const FENCE = /^(?:<!-- readme-check: (prelude [^\n]*?|run) -->\n)?```ts\n([\s\S]*?)^```$/gm;

function readmes(): string[] {
  const files = [path.join(ROOT, 'README.md')];
  for (const group of ['packages', 'examples']) {
    for (const name of readdirSync(path.join(ROOT, group)).sort()) {
      const file = path.join(ROOT, group, name, 'README.md');
      if (existsSync(file)) files.push(file);
    }
  }
  return files;
}

/** Every ```ts block of every README, with its marker. */
function extractBlocks(): Block[] {
  const blocks: Block[] = [];
  for (const readme of readmes()) {
    const relative = path.relative(ROOT, readme);
    const dir = path.join(path.dirname(readme), '.tmp', 'readme');
    let index = 0;
    for (const match of readFileSync(readme, 'utf8').matchAll(FENCE)) {
      index++;
      const marker = match[1] ?? '';
      blocks.push({
        label: `${relative} block ${index}`,
        file: path.join(dir, `block-${index}.ts`),
        code: match[2] ?? '',
        prelude: marker.startsWith('prelude ') ? marker.slice('prelude '.length) : '',
        run: marker === 'run',
      });
    }
  }
  return blocks;
}

const blocks = extractBlocks();

function writeBlocks(): void {
  for (const dir of new Set(blocks.map((block) => path.dirname(block.file)))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  for (const block of blocks) {
    // The prelude goes on the block's first line, so reported line numbers match the README.
    // `export {}` makes every block a module (top-level await), as in an ESM project.
    writeFileSync(block.file, `${block.prelude} export {};\n${block.code}`);
  }
}

describe('README code blocks', () => {
  it('finds the quick starts', () => {
    const labels = blocks.map((block) => block.label);
    expect(labels).toContain('README.md block 1');
    expect(labels).toContain('packages/platform/README.md block 1');
    expect(labels).toContain('packages/provider/README.md block 1');
    expect(blocks.filter((block) => block.run).length).toBeGreaterThanOrEqual(2);
  });

  it('every TypeScript block type-checks in strict mode', { timeout: 120_000 }, () => {
    writeBlocks();
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(ROOT, 'docs', 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    );
    expect(config?.errors ?? ['no docs/tsconfig.json']).toEqual([]);
    const program = ts.createProgram(
      blocks.map((block) => block.file),
      config!.options,
    );
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter(
        (diagnostic) => diagnostic.file && blocks.some((b) => b.file === diagnostic.file?.fileName),
      )
      .map((diagnostic) => {
        const block = blocks.find((b) => b.file === diagnostic.file?.fileName)!;
        const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        return `${block.label}, line ${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  });

  for (const block of blocks.filter((candidate) => candidate.run)) {
    it(`${block.label} runs and exits cleanly`, { timeout: 60_000 }, () => {
      writeBlocks();
      const result = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--conditions=@prakerja-kit/source', block.file],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 50_000,
          env: { ...process.env, PRAKERJA_LOG_LEVEL: 'warn' },
        },
      );
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    });
  }
});
