/** The parts of a request target. */
export interface Target {
  origin: string | null;
  host: string | null;
  path: string;
  query: string | null;
}

/** Splits a request target without normalising it (the bytes of the path matter). */
export function splitTarget(target: string): Target {
  const absolute = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i.exec(target);
  const origin = absolute ? absolute[1]! + absolute[2]! : null;
  const host = absolute ? absolute[2]! : null;
  let rest = absolute ? absolute[3]! : target;
  const hash = rest.indexOf('#');
  if (hash !== -1) rest = rest.slice(0, hash);
  const question = rest.indexOf('?');
  const path = (question === -1 ? rest : rest.slice(0, question)) || '/';
  const query = question === -1 ? null : rest.slice(question + 1);
  return { origin, host, path, query };
}
