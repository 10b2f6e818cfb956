import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerValue, parseCapture } from './parse-capture.js';

describe('parseCapture', () => {
  it('reads a browser "Copy as cURL" command with continuations and quotes', () => {
    const request =
      parseCapture(`curl 'https://api.prakerja.go.id/api/v1/integration/payment/status' \\
  -H 'client_code: dp_fake' \\
  -H "timestamp: 1763967600" \\
  -H $'signature: ab\\x63' \\
  --data-raw '{"invoice_code":"it'"'"'s"}' \\
  --compressed`);
    expect(request).toEqual({
      format: 'curl',
      method: 'POST',
      target: 'https://api.prakerja.go.id/api/v1/integration/payment/status',
      headers: [
        ['client_code', 'dp_fake'],
        ['timestamp', '1763967600'],
        ['signature', 'abc'],
      ],
      body: `{"invoice_code":"it's"}`,
    });
  });

  it('handles combined short flags, attached values, --url, --json and joined -d parts', () => {
    const request = parseCapture('curl -sSXPUT --url http://h/p -d a=1 -d b=2 -HX-One:1');
    expect(request).toMatchObject({ method: 'PUT', target: 'http://h/p', body: 'a=1&b=2' });
    expect(headerValue(request, 'x-one')).toBe('1');
    const json = parseCapture(`curl --json '{"a":1}' http://h/p`);
    expect(json).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(headerValue(json, 'content-type')).toBe('application/json');
  });

  it('reads -d @file without newlines and --data-binary @file exactly', () => {
    const directory = mkdtempSync(join(tmpdir(), 'prakerja-capture-'));
    const file = join(directory, 'body.json');
    writeFileSync(file, '{"a":\n1}\n');
    const readDataFile = (path: string) => (path === 'body.json' ? '{"a":\n1}\n' : '');
    expect(parseCapture('curl -d @body.json http://h/p', { readDataFile }).body).toBe('{"a":1}');
    expect(parseCapture('curl --data-binary @body.json http://h/p', { readDataFile }).body).toBe(
      '{"a":\n1}\n',
    );
    expect(parseCapture(`curl --data-binary @${file} http://h/p`).body).toBe('{"a":\n1}\n');
  });

  it('moves data into the query with -G and defaults to GET without data', () => {
    expect(parseCapture('curl -G -d a=1 http://h/p')).toMatchObject({
      method: 'GET',
      target: 'http://h/p?a=1',
      body: '',
    });
    expect(parseCapture('curl http://h/p').method).toBe('GET');
  });

  it('reads raw HTTP with LF line endings and cuts the body at Content-Length', () => {
    const request = parseCapture(
      'POST /p?q=1 HTTP/1.1\nHost: h\nContent-Length: 7\n\n{"a":1}trailing',
    );
    expect(request).toMatchObject({
      format: 'http',
      method: 'POST',
      target: '/p?q=1',
      body: '{"a":1}',
    });
    expect(headerValue(request, 'HOST')).toBe('h');
  });

  it('drops the final newline of a raw HTTP body without Content-Length', () => {
    expect(parseCapture('POST /p HTTP/1.1\r\nHost: h\r\n\r\n{"a":1}\r\n').body).toBe('{"a":1}');
  });

  it('reads header lines with a separate body and URL', () => {
    const request = parseCapture('client_code: c\ntimestamp: 1\n', { body: '{}', url: '/p' });
    expect(request).toMatchObject({ format: 'headers', method: 'POST', target: '/p', body: '{}' });
    expect(parseCapture('POST https://h/p\nclient_code: c', { body: '' }).target).toBe(
      'https://h/p',
    );
  });

  it('says what it could not read', () => {
    expect(() => parseCapture("curl 'unterminated")).toThrow(/single quote/);
    expect(() => parseCapture('curl -H x:y')).toThrow(/no URL/);
    expect(() => parseCapture('hello\nworld')).toThrow(/header line|request target/);
  });
});
