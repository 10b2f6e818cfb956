// Citations of the program reference (docs/program-api.md) in code and docs: find them, and find
// the ones that name a section the reference does not have. Pure: text in, findings out.

/** One section number cited after a mention of the reference, e.g. `4.3`. */
export interface Citation {
  /** The file the citation is in, as given by the caller (repository-relative). */
  file: string;
  /** 1-based line of the cited section number. */
  line: number;
  /** The cited section number, without `§`. */
  section: string;
}

/** A text to scan, named by its repository-relative path. */
export interface Source {
  file: string;
  text: string;
}

const SECTION = String.raw`\d+(?:\.\d+)*`;

// What may sit between the file name and the first `§`: a closing backtick, a markdown link
// target, white space, and the continuation marks of a comment or quote that wraps the line
// (`*`, `//`, `#`, `>`).
const GAP = String.raw`\`?(?:\]\([^)\s]*\))?(?:\s|\*|\/\/|#|>)*`;

// After the first section, more may follow: a range (`§4.3-4.4`, `§4.9-§4.10`) or a list
// (`§6, §9`, `§5 and\n * §9`). A list item needs its own `§`; a range end may omit it.
const MORE = String.raw`\s*(?:[-–]\s*§?|(?:,|and|or|&)(?:\s|\*|\/\/|#|>)*§)(${SECTION})`;

const CITATION = new RegExp(String.raw`program-api\.md${GAP}§(${SECTION})((?:${MORE})*)`, 'g');
const MORE_ONE = new RegExp(MORE, 'g');

/** Line number (1-based) of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; ) {
    line++;
    index = text.indexOf('\n', index + 1);
  }
  return line;
}

/** Every section cited as `program-api.md §X` (and the ranges and lists that follow) in a text. */
export function findCitations(source: Source): Citation[] {
  const citations: Citation[] = [];
  for (const match of source.text.matchAll(CITATION)) {
    const first = match[1] ?? '';
    const rest = match[2] ?? '';
    const firstOffset = match.index + match[0].length - rest.length - first.length;
    citations.push({ file: source.file, line: lineAt(source.text, firstOffset), section: first });
    const restOffset = match.index + match[0].length - rest.length;
    for (const more of rest.matchAll(MORE_ONE)) {
      const section = more[1] ?? '';
      const offset = restOffset + more.index + more[0].length - section.length;
      citations.push({ file: source.file, line: lineAt(source.text, offset), section });
    }
  }
  return citations;
}

/**
 * The section numbers a reference defines: every heading whose text starts with a number
 * (`## 3. Authentication and signing` defines `3`, `### 4.3 DP: Authorize` defines `4.3`).
 * Headings inside fenced code blocks do not count.
 */
export function sectionsOf(reference: string): Set<string> {
  const sections = new Set<string>();
  let fence: string | undefined;
  for (const line of reference.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined) {
      if (fence === undefined) fence = marker;
      else if (marker.startsWith(fence)) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const heading = new RegExp(String.raw`^#{1,6}\s+(${SECTION})\.?\s`).exec(line);
    if (heading?.[1] !== undefined) sections.add(heading[1]);
  }
  return sections;
}

/** The citations, across all sources, of sections the reference does not define. */
export function danglingCitations(sources: readonly Source[], reference: string): Citation[] {
  const sections = sectionsOf(reference);
  return sources.flatMap(findCitations).filter((citation) => !sections.has(citation.section));
}

/** One line per citation: `file:line §X`. */
export function formatCitations(citations: readonly Citation[]): string[] {
  return citations.map((citation) => `${citation.file}:${citation.line} §${citation.section}`);
}
