/** Where the demo writes its progress: `console.log` from `main.ts`, an array in tests. */
export type Write = (line: string) => void;

/** One row of the final summary. */
export interface SummaryRow {
  step: string;
  result: string;
  ms: number;
}

/** Numbered progress output plus the rows of the summary table. */
export interface Reporter {
  /** Starts a numbered step; returns a function that closes it with its one-line result. */
  step(title: string, endpoints: string): (result: string) => void;
  /** An indented detail line of the current step. */
  detail(line: string): void;
  readonly rows: readonly SummaryRow[];
}

/** Creates a reporter writing to `write`. */
export function createReporter(write: Write): Reporter {
  const rows: SummaryRow[] = [];
  let count = 0;
  return {
    step(title, endpoints) {
      count += 1;
      const startedAt = performance.now();
      write('');
      write(`${count}. ${title}   (${endpoints})`);
      return (result) => {
        const ms = Math.round(performance.now() - startedAt);
        rows.push({ step: title, result, ms });
        write(`   ✔ ${result}`);
      };
    },
    detail(line) {
      write(`   ${line}`);
    },
    rows,
  };
}

/** Renders rows as an aligned text table with a header and a rule. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(line)];
}
