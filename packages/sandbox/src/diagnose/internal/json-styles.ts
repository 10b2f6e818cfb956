/** How a JSON library writes a document: the ways a body gets re-serialised between sign and send. */
export interface JsonStyle {
  /** Between items: `,` (compact) or `, ` (Python `json.dumps`). */
  itemSeparator: string;
  /** Between key and value: `:` or `: `. */
  keySeparator: string;
  /** Pretty-print indent (0 for one line). */
  indent: number;
  /** PHP `json_encode`: `/` as `\/`. */
  escapeSlash: boolean;
  /** Go `json.Marshal`: `<`, `>`, `&` as `\u003c`, `\u003e`, `\u0026`. */
  escapeHtml: boolean;
  /** Python `ensure_ascii`: non-ASCII as `\uXXXX`. */
  asciiOnly: boolean;
  /** Sort object keys (Go maps, PHP `ksort`, Python `sort_keys`). */
  sortKeys: boolean;
}

/** `JSON.stringify` without arguments. */
export const COMPACT: JsonStyle = {
  itemSeparator: ',',
  keySeparator: ':',
  indent: 0,
  escapeSlash: false,
  escapeHtml: false,
  asciiOnly: false,
  sortKeys: false,
};

/** Serialises a parsed JSON value in a style; `order` overrides the top-level key order. */
export function serializeJson(value: unknown, style: JsonStyle, order?: readonly string[]): string {
  return write(value, style, 0, order);
}

function write(value: unknown, style: JsonStyle, depth: number, order?: readonly string[]): string {
  if (value === null || typeof value !== 'object') return scalar(value, style);
  const newline = style.indent > 0 ? `\n${' '.repeat(style.indent * (depth + 1))}` : '';
  const closing = style.indent > 0 ? `\n${' '.repeat(style.indent * depth)}` : '';
  const separator = style.indent > 0 ? ',' : style.itemSeparator;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => newline + write(item, style, depth + 1));
    return `[${items.join(separator)}${closing}]`;
  }
  const record = value as Record<string, unknown>;
  let keys = order ? [...order] : Object.keys(record);
  if (style.sortKeys && !order) keys = keys.sort();
  if (keys.length === 0) return '{}';
  const keySeparator = style.indent > 0 ? ': ' : style.keySeparator;
  const items = keys.map(
    (key) => newline + scalar(key, style) + keySeparator + write(record[key], style, depth + 1),
  );
  return `{${items.join(separator)}${closing}}`;
}

function scalar(value: unknown, style: JsonStyle): string {
  let text = JSON.stringify(value) ?? 'null';
  if (typeof value !== 'string') return text;
  if (style.escapeSlash) text = text.replaceAll('/', '\\/');
  if (style.escapeHtml) {
    text = text.replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026');
  }
  if (style.asciiOnly) {
    text = text.replace(
      /[\u0080-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  }
  return text;
}

/** All orderings of a short list (at most 720 for six keys). */
export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  const result: T[][] = [];
  items.forEach((item, index) => {
    const rest = [...items.slice(0, index), ...items.slice(index + 1)];
    for (const tail of permutations(rest)) result.push([item, ...tail]);
  });
  return result;
}
