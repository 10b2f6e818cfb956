// Issue 22: no import cycles between the modules of packages/*/src, type-only imports included
// (a type-only cycle still ties the modules together for readers and for declaration bundling).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findImportCycles } from '../../scripts/check-import-cycles.js';

describe('import cycles', () => {
  const fixtureRoot = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  afterAll(() => rmSync(fixtureRoot, { recursive: true, force: true }));

  it('finds none in packages/*/src', () => {
    expect(findImportCycles()).toEqual([]);
  });

  it('finds a cycle closed only by `import type`, and ignores test files', () => {
    const src = join(fixtureRoot, 'packages', 'demo', 'src');
    mkdirSync(join(src, 'internal'), { recursive: true });
    writeFileSync(join(src, 'a.ts'), "import { b } from './internal/b.js';\nexport const a = b;\n");
    writeFileSync(
      join(src, 'internal', 'b.ts'),
      "import type { A } from '../types.js';\nexport const b = 1 as A;\n",
    );
    writeFileSync(join(src, 'types.ts'), "export type { a as A } from './a.js';\n");
    writeFileSync(join(src, 'a.test.ts'), "import { a } from './a.js';\nexport { a };\n");
    expect(findImportCycles(fixtureRoot)).toEqual([
      ['packages/demo/src/a.ts', 'packages/demo/src/internal/b.ts', 'packages/demo/src/types.ts'],
    ]);
  });
});
