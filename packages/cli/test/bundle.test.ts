import { readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { beforeAll, expect, it } from 'vitest';
import { BIN, ensureBuilt } from './helpers/built-bin.js';

beforeAll(() => ensureBuilt(), 120_000);

it('bundles core and webhooks into the bin and imports only the sandbox and node built-ins (no zod)', () => {
  const source = readFileSync(BIN, 'utf8');
  const specifiers = new Set(
    [...source.matchAll(/(?:^import[^'"]*from\s*|import\()\s*["']([^"']+)["']/gm)].map(
      (match) => match[1]!,
    ),
  );
  const external = [...specifiers].filter(
    (specifier) => !builtinModules.includes(specifier.replace(/^node:/, '')),
  );
  expect(external.sort()).toEqual(['@prakerja-kit/sandbox']);
});

it('is an executable ESM file with a shebang', () => {
  expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  expect(statSync(BIN).mode & 0o111).not.toBe(0);
});
