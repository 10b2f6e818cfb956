/** Request headers as a fetch `Headers`, or a plain record such as Node's `IncomingHttpHeaders`. */
export type HeaderSource =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Reads one header case-insensitively; repeated values are joined with a space. */
export function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function')
    return (headers as Headers).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  let value = record[name];
  if (value === undefined) {
    // Node lower-cases header names; a hand-built record may not.
    for (const key of Object.keys(record)) {
      if (key.toLowerCase() === name) value = record[key];
    }
  }
  return typeof value === 'string' || value === undefined ? value : value.join(' ');
}
