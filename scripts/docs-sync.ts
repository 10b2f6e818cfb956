/**
 * Keeps the generated parts of the markdown docs in sync with the code:
 *
 * - `<!-- include: ../samples/x.ts -->` … `<!-- /include -->` embeds a sample file (or one
 *   `// #region name` of it, with `x.ts#name`) as a fenced code block, so the code a reader sees
 *   is the code that is type-checked and run by `docs/test`. A region is shown with the imports it
 *   uses, and, when it leans on declarations elsewhere in the sample, followed by a "whole file"
 *   link to the sample, so every block a reader copies compiles (`docs/test/snippets.test.ts`);
 * - `<!-- generated: program-errors -->` … `<!-- /generated -->` holds the table of every program
 *   error code the SDK knows, rendered from `PROGRAM_ERRORS` in `@prakerja-kit/core`;
 *   `program-error-reference` is the reference page's table, with the fix per code.
 *
 * `tsx scripts/docs-sync.ts` rewrites the files; `--check` only reports stale files and exits 1.
 * `docs/test/docs-sync.test.ts` fails when a committed page is out of date.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PROGRAM_ERRORS, ProgramErrorCode } from '@prakerja-kit/core';
import ts from 'typescript';

/** Absolute path of the repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of `docs/`. */
export const DOCS_DIR = path.join(ROOT, 'docs');

const INCLUDE = /^<!-- include: (\S+?) -->\n[\s\S]*?^<!-- \/include -->/gm;
const GENERATED = /^<!-- generated: ([a-z-]+) -->\n[\s\S]*?^<!-- \/generated -->/gm;
const REGION_START = /^\s*\/\/ #region (\S+)\s*$/;
const REGION_END = /^\s*\/\/ #endregion\b.*$/;

/** The markdown files the sync applies to: `docs/*.md` and `docs/guides/*.md`. */
export function listMarkdownFiles(): string[] {
  const files: string[] = [];
  for (const dir of [DOCS_DIR, path.join(DOCS_DIR, 'guides')]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.md')) files.push(path.join(dir, name));
    }
  }
  return files;
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** A markdown table with padded columns, as the repository's formatter (biome) writes it. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const cells = [header, ...rows].map((row) => row.map(escapeCell));
  const widths = header.map((_, column) =>
    Math.max(3, ...cells.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    `| ${widths.map((width, column) => (row[column] ?? '').padEnd(width)).join(' | ')} |`;
  const [head = [], ...body] = cells;
  return [line(head), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}

/** The markdown table of every program error code in `PROGRAM_ERRORS`, in catalogue order. */
export function renderProgramErrorTable(): string {
  const rows = Object.entries(ProgramErrorCode).map(([name, code]) => {
    const info = PROGRAM_ERRORS[code];
    const source = info.documented ? 'documented' : 'assumed';
    return [`\`${code}\``, `\`${name}\``, String(info.status), source, info.meaning, info.message];
  });
  const table = renderTable(
    [
      'code',
      'name (`ProgramErrorCode.…`)',
      'HTTP',
      'source',
      'meaning',
      'program message (Indonesian)',
    ],
    rows,
  );
  const documented = Object.values(PROGRAM_ERRORS).filter((info) => info.documented).length;
  const total = Object.keys(PROGRAM_ERRORS).length;
  return `${table}\n\n${total} codes: ${documented} documented by the program, ${total - documented} assumed by the SDK.`;
}

/**
 * The error-code reference (docs/guides/error-codes.md): per code its English meaning and the fix,
 * grouped as in the catalogue, so a partner who sees a code in a log finds what to change. Each
 * code cell holds an anchor named after the code, the target of `ProgramApiError.docUrl`.
 */
export function renderProgramErrorReference(): string {
  const rows = Object.entries(ProgramErrorCode).map(([name, code]) => {
    const info = PROGRAM_ERRORS[code];
    return [
      `<a id="${code}"></a>\`${code}\``,
      String(info.status),
      info.documented ? 'documented' : 'assumed',
      info.meaning,
      info.fix ?? '',
      `\`ProgramErrorCode.${name}\``,
    ];
  });
  return renderTable(['code', 'HTTP', 'source', 'meaning', 'fix', 'name'], rows);
}

const GENERATORS: Readonly<Record<string, () => string>> = {
  'program-errors': renderProgramErrorTable,
  'program-error-reference': renderProgramErrorReference,
};

/** Lines of `source` inside `// #region name`, or the whole file; region markers are dropped. */
export function extractRegion(source: string, region: string | undefined, label: string): string {
  const lines = source.replace(/\n+$/, '').split('\n');
  if (region === undefined) {
    return lines.filter((line) => !REGION_START.test(line) && !REGION_END.test(line)).join('\n');
  }
  const start = lines.findIndex((line) => line.match(REGION_START)?.[1] === region);
  if (start === -1) throw new Error(`${label}: no "// #region ${region}" in the sample`);
  const body: string[] = [];
  let depth = 0;
  for (const line of lines.slice(start + 1)) {
    if (REGION_START.test(line)) {
      depth++;
      continue;
    }
    if (REGION_END.test(line)) {
      if (depth === 0) break;
      depth--;
      continue;
    }
    body.push(line);
  }
  const indent = Math.min(
    ...body.filter((line) => line.trim() !== '').map((line) => line.match(/^ */)![0].length),
  );
  return body.map((line) => line.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}

function used(code: string, name: string): boolean {
  return new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(code);
}

/** What a region needs from the rest of its sample: import lines, and names declared outside it. */
export function regionContext(
  source: string,
  code: string,
): { imports: string[]; leans: string[] } {
  const file = ts.createSourceFile('sample.ts', source, ts.ScriptTarget.Latest, true);
  const imports: string[] = [];
  const leans: string[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (!clause) continue;
      const from = statement.moduleSpecifier.getText(file);
      if (code.includes(`from ${from}`)) continue; // the region shows this import itself
      const typeOnly = clause.isTypeOnly ? 'type ' : '';
      const parts: string[] = [];
      if (clause.name && used(code, clause.name.text)) parts.push(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings) && used(code, bindings.name.text)) {
        parts.push(`* as ${bindings.name.text}`);
      }
      if (bindings && ts.isNamedImports(bindings)) {
        const named = bindings.elements
          .filter((element) => used(code, element.name.text))
          .map((element) => element.getText(file));
        if (named.length > 0) parts.push(`{ ${named.join(', ')} }`);
      }
      const allTypes =
        parts.length === 1 && /^\{ (?:type [^,]+(?:, |(?= \})))+ \}$/.test(parts[0] ?? '');
      const rendered = allTypes
        ? `type ${(parts[0] ?? '').replace(/\btype /g, '')}`
        : parts.join(', ');
      if (parts.length === 0) continue;
      const line = `import ${allTypes ? '' : typeOnly}${rendered} from ${from};`;
      // Wrapped as the formatter (biome, 100 columns) would.
      imports.push(
        line.length <= 100 || !rendered.includes('{ ')
          ? line
          : line.replace(
              /\{ (.*) \}/,
              (_all, names: string) =>
                `{\n${names
                  .split(', ')
                  .map((name) => `  ${name},`)
                  .join('\n')}\n}`,
            ),
      );
      continue;
    }
    const names: string[] = [];
    if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.push(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
      }
    }
    const text = statement.getText(file);
    for (const name of names) {
      // Declared outside the region (the region does not contain the declaration itself).
      if (used(code, name) && !code.includes(text.split('\n')[0] ?? text)) leans.push(name);
    }
  }
  return { imports, leans };
}

function fenceLanguage(file: string): string {
  const extension = path.extname(file).slice(1);
  return extension === 'mjs' || extension === 'js' ? 'js' : extension === 'sh' ? 'sh' : 'ts';
}

/** Returns `markdown` (the content of `file`) with every include and generated block refreshed. */
export function syncMarkdown(markdown: string, file: string): string {
  const withIncludes = markdown.replace(INCLUDE, (_match, target: string) => {
    const [relative = '', region] = target.split('#');
    const samplePath = path.resolve(path.dirname(file), relative);
    const label = `${path.relative(ROOT, file)} includes ${target}`;
    if (!existsSync(samplePath)) throw new Error(`${label}: file not found`);
    const source = readFileSync(samplePath, 'utf8');
    let code = extractRegion(source, region, label);
    let after = '';
    if (region !== undefined && fenceLanguage(relative) === 'ts') {
      const { imports, leans } = regionContext(source, code);
      if (imports.length > 0) code = `${imports.join('\n')}\n\n${code}`;
      if (leans.length > 0) {
        const names = leans.map((name) => `\`${name}\``).join(', ');
        after = `\nWhole file, with ${names}: [${path.basename(relative)}](${relative}).\n`;
      }
    }
    const fence = '```';
    return `<!-- include: ${target} -->\n${fence}${fenceLanguage(relative)}\n${code}\n${fence}\n${after}<!-- /include -->`;
  });
  return withIncludes.replace(GENERATED, (_match, name: string) => {
    const generate = GENERATORS[name];
    if (!generate)
      throw new Error(`${path.relative(ROOT, file)}: unknown generated block "${name}"`);
    return `<!-- generated: ${name} -->\n${generate()}\n<!-- /generated -->`;
  });
}

/** Sample paths (absolute) that `markdown` includes. */
export function includedSamples(markdown: string, file: string): string[] {
  return [...markdown.matchAll(INCLUDE)].map((match) =>
    path.resolve(path.dirname(file), (match[1] ?? '').split('#')[0] ?? ''),
  );
}

/** Syncs every docs markdown file; returns the files that were (or, with `check`, would be) changed. */
export function syncDocs(options: { check?: boolean } = {}): string[] {
  const stale: string[] = [];
  for (const file of listMarkdownFiles()) {
    const before = readFileSync(file, 'utf8');
    const after = syncMarkdown(before, file);
    if (after === before) continue;
    stale.push(path.relative(ROOT, file));
    if (!options.check) writeFileSync(file, after);
  }
  return stale;
}

function main(): void {
  const check = process.argv.includes('--check');
  const stale = syncDocs({ check });
  if (check && stale.length > 0) {
    console.error(`out of date (run: pnpm run docs): ${stale.join(', ')}`);
    process.exit(1);
  }
  for (const file of stale) console.log(`docs-sync: updated ${file}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
