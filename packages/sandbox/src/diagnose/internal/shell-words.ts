/**
 * Splits a POSIX shell command line into words, as a shell would before running it: single
 * quotes, double quotes, `$'…'` ANSI-C quotes, backslash escapes and line continuations. Enough
 * for the curl commands that browsers, Postman and logs produce; no expansion or globbing.
 */
export function shellWords(input: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let index = 0;
  const text = input.replace(/\\\r?\n/g, ' ');
  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      index++;
    } else if (char === "'") {
      const end = text.indexOf("'", index + 1);
      if (end === -1) throw new SyntaxError('unterminated single quote');
      word += text.slice(index + 1, end);
      inWord = true;
      index = end + 1;
    } else if (char === '$' && text[index + 1] === "'") {
      const [value, end] = ansiC(text, index + 2);
      word += value;
      inWord = true;
      index = end;
    } else if (char === '"') {
      index++;
      while (index < text.length && text[index] !== '"') {
        if (text[index] === '\\' && '"\\$`'.includes(text[index + 1] ?? '')) index++;
        word += text[index];
        index++;
      }
      if (index >= text.length) throw new SyntaxError('unterminated double quote');
      inWord = true;
      index++;
    } else if (char === '\\') {
      word += text[index + 1] ?? '';
      inWord = true;
      index += 2;
    } else {
      word += char;
      inWord = true;
      index++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

function ansiC(text: string, start: number): [string, number] {
  let value = '';
  let index = start;
  while (index < text.length && text[index] !== "'") {
    if (text[index] !== '\\') {
      value += text[index];
      index++;
      continue;
    }
    const next = text[index + 1] ?? '';
    const hexMatch = /^(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{4})/.exec(text.slice(index + 1));
    if (hexMatch) {
      value += String.fromCharCode(Number.parseInt(hexMatch[0].slice(1), 16));
      index += 1 + hexMatch[0].length;
    } else {
      value += SIMPLE_ESCAPES[next] ?? `\\${next}`;
      index += 2;
    }
  }
  if (index >= text.length) throw new SyntaxError("unterminated $'…' quote");
  return [value, index + 1];
}
