import { readFileSync } from 'node:fs';
import { shellWords } from './internal/shell-words.js';

/** The formats `prakerja doctor` reads a captured request from. */
export type CaptureFormat = 'curl' | 'http' | 'headers';

/** A request as it was captured: what was actually sent, before any interpretation. */
export interface CapturedRequest {
  /** The format the capture was read from. */
  format: CaptureFormat;
  /** HTTP method as sent. */
  method: string;
  /** Request target as captured: an absolute URL (curl) or a path with its query (raw HTTP). */
  target: string;
  /** Headers in the order captured, names as written. */
  headers: Array<[name: string, value: string]>;
  /** The body exactly as sent (`''` when there is none). */
  body: string;
}

/** Options of {@link parseCapture}. */
export interface ParseCaptureOptions {
  /**
   * Format of the text.
   * @default detected: `curl …` is curl, `POST /path HTTP/1.1` is raw HTTP, else header lines
   */
  format?: CaptureFormat | undefined;
  /** The body, for the `headers` format (header lines plus a separate body file). */
  body?: string | undefined;
  /** The method, for a `headers` capture without a request line. @default 'POST' */
  method?: string | undefined;
  /** The URL or path, for a `headers` capture without a request line. */
  url?: string | undefined;
  /** Reads `-d @file` arguments of a curl command. @default `fs.readFileSync` (UTF-8) */
  readDataFile?: ((path: string) => string) | undefined;
}

/**
 * Parses a captured request: a curl command (as browsers' "Copy as cURL" and logs write them),
 * raw HTTP text (`POST /path HTTP/1.1`, headers, blank line, body), or header lines plus a body.
 *
 * Throws a `SyntaxError` saying what could not be read.
 *
 * @example
 * parseCapture(`curl -X POST https://api.prakerja.go.id/api/v1/integration/payment/status \\
 *   -H 'client_code: dp_fake' -H 'timestamp: 1763967600' -H 'signature: 0a1b…' \\
 *   -d '{"invoice_code":"INV-1"}'`);
 */
export function parseCapture(text: string, options: ParseCaptureOptions = {}): CapturedRequest {
  const format = options.format ?? detectFormat(text, options);
  if (format === 'curl') return parseCurl(text, options.readDataFile ?? readUtf8);
  if (format === 'http') return parseHttp(text);
  return parseHeaderLines(text, options);
}

/** The value of a header, case-insensitively (the last one wins), or undefined. */
export function headerValue(request: CapturedRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  let found: string | undefined;
  for (const [key, value] of request.headers) if (key.toLowerCase() === lower) found = value;
  return found;
}

const REQUEST_LINE = /^([A-Za-z]+)[ \t]+(\S+)(?:[ \t]+HTTP\/\d(?:\.\d)?)?[ \t]*$/;

function detectFormat(text: string, options: ParseCaptureOptions): CaptureFormat {
  const start = text.trimStart();
  if (/^(\$\s*)?(\S*\/)?curl(\.exe)?\s/.test(start)) return 'curl';
  const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
  if (options.body === undefined && /\sHTTP\/\d/.test(firstLine) && REQUEST_LINE.test(firstLine)) {
    return 'http';
  }
  return 'headers';
}

function readUtf8(path: string): string {
  return readFileSync(path, 'utf8');
}

const SHORT_WITH_ARGUMENT = 'XHduoAebcmwTFxEKrYyzCQ';
const LONG_WITH_ARGUMENT = new Set([
  'request',
  'header',
  'data',
  'data-raw',
  'data-binary',
  'data-ascii',
  'data-urlencode',
  'json',
  'url',
  'user',
  'output',
  'user-agent',
  'referer',
  'cookie',
  'cookie-jar',
  'max-time',
  'connect-timeout',
  'write-out',
  'upload-file',
  'form',
  'resolve',
  'cacert',
  'cert',
  'key',
  'proxy',
  'retry',
  'retry-delay',
  'retry-max-time',
  'config',
  'range',
  'limit-rate',
  'interface',
  'quote',
  'request-target',
]);

function parseCurl(text: string, readDataFile: (path: string) => string): CapturedRequest {
  const words = shellWords(text);
  const start = words.findIndex((word) => /(^|\/)curl(\.exe)?$/.test(word));
  if (start === -1) throw new SyntaxError('not a curl command: no "curl" word');
  let method: string | undefined;
  let url: string | undefined;
  let get = false;
  let head = false;
  const headers: Array<[string, string]> = [];
  const data: string[] = [];
  const addData = (flag: string, value: string) => {
    if (value.startsWith('@') && flag !== 'data-raw') {
      const content = readDataFile(value.slice(1));
      // curl strips CR and LF from files read with -d/--data/--data-ascii, not --data-binary.
      data.push(
        flag === 'data-binary' || flag === 'json' ? content : content.replace(/[\r\n]/g, ''),
      );
    } else data.push(value);
  };
  const takeArgument = (name: string, value: string) => {
    switch (name) {
      case 'X':
      case 'request':
        method = value;
        break;
      case 'H':
      case 'header': {
        const colon = value.indexOf(':');
        if (colon > 0) headers.push([value.slice(0, colon).trim(), value.slice(colon + 1).trim()]);
        break;
      }
      case 'd':
      case 'data':
        addData('data', value);
        break;
      case 'data-raw':
      case 'data-binary':
      case 'data-ascii':
      case 'data-urlencode':
        addData(name, value);
        break;
      case 'json':
        addData('json', value);
        headers.push(['Content-Type', 'application/json']);
        break;
      case 'url':
        url = value;
        break;
    }
  };
  for (let index = start + 1; index < words.length; index++) {
    const word = words[index]!;
    if (word.startsWith('--') && word.length > 2) {
      const [name, inline] = splitLong(word.slice(2));
      if (name === 'get') get = true;
      else if (name === 'head') head = true;
      else if (LONG_WITH_ARGUMENT.has(name)) {
        const value = inline ?? words[++index];
        if (value === undefined) throw new SyntaxError(`curl --${name} needs a value`);
        takeArgument(name, value);
      }
    } else if (word.startsWith('-') && word.length > 1) {
      for (let position = 1; position < word.length; position++) {
        const flag = word[position]!;
        if (flag === 'G') get = true;
        else if (flag === 'I') head = true;
        else if (SHORT_WITH_ARGUMENT.includes(flag)) {
          const rest = word.slice(position + 1);
          const value = rest !== '' ? rest : words[++index];
          if (value === undefined) throw new SyntaxError(`curl -${flag} needs a value`);
          takeArgument(flag, value);
          break;
        }
      }
    } else if (url === undefined) url = word;
  }
  if (url === undefined) throw new SyntaxError('the curl command has no URL');
  let body = data.join('&');
  if (get && body !== '') {
    url += (url.includes('?') ? '&' : '?') + body;
    body = '';
  }
  const resolvedMethod = method ?? (head ? 'HEAD' : get || data.length === 0 ? 'GET' : 'POST');
  return { format: 'curl', method: resolvedMethod, target: url, headers, body };
}

function splitLong(flag: string): [string, string | undefined] {
  const equals = flag.indexOf('=');
  return equals === -1 ? [flag, undefined] : [flag.slice(0, equals), flag.slice(equals + 1)];
}

function splitHead(text: string): [head: string, body: string | undefined] {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return [text, undefined];
  return [text.slice(0, match.index), text.slice(match.index + match[0].length)];
}

function parseHeaderBlock(lines: string[]): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new SyntaxError(`not a header line: "${line.slice(0, 60)}"`);
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return headers;
}

function parseHttp(text: string): CapturedRequest {
  const [head, rawBody] = splitHead(text.replace(/^\s*\n/, ''));
  const [requestLine = '', ...headerLines] = head.split(/\r?\n/);
  const match = REQUEST_LINE.exec(requestLine);
  if (!match) throw new SyntaxError(`not an HTTP request line: "${requestLine.slice(0, 60)}"`);
  const headers = parseHeaderBlock(headerLines);
  let body = rawBody ?? '';
  const length = headers.find(([name]) => name.toLowerCase() === 'content-length')?.[1];
  if (length !== undefined && /^\d+$/.test(length)) {
    const bytes = Buffer.from(body, 'utf8');
    if (bytes.length >= Number(length)) body = bytes.subarray(0, Number(length)).toString('utf8');
  } else {
    // Without Content-Length, a final newline is most likely the file's, not the body's.
    body = body.replace(/\r?\n$/, '');
  }
  return { format: 'http', method: match[1]!, target: match[2]!, headers, body };
}

function parseHeaderLines(text: string, options: ParseCaptureOptions): CapturedRequest {
  const lines = text.split(/\r?\n/);
  let method = options.method;
  let target = options.url;
  const first = lines[0]?.trim() ?? '';
  const match = REQUEST_LINE.exec(first);
  if (match && /^[A-Za-z]+\s+(\/|https?:\/\/)/.test(first)) {
    lines.shift();
    method ??= match[1];
    target ??= match[2];
  }
  if (target === undefined) {
    throw new SyntaxError('no request target: give --url (or a request line such as "POST /path")');
  }
  return {
    format: 'headers',
    method: method ?? 'POST',
    target,
    headers: parseHeaderBlock(lines),
    body: options.body ?? '',
  };
}
