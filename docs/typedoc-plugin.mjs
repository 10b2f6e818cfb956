// @ts-check
// Names each API reference module after its import specifier (`@prakerja-kit/core/signature`)
// instead of its source path (`core/src/signature`), read from each package's exports map.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Converter, ReflectionKind } from 'typedoc';

/** @param {string} directory package folder under packages/ */
function specifiers(directory) {
  const manifest = JSON.parse(readFileSync(join('packages', directory, 'package.json'), 'utf8'));
  /** @type {Map<string, string>} */
  const names = new Map();
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    const source = typeof target === 'object' ? target['@prakerja-kit/source'] : undefined;
    if (typeof source !== 'string') continue;
    const modulePath = `${directory}/${source.replace(/^\.\//, '').replace(/(\/index)?\.ts$/, '')}`;
    names.set(modulePath, manifest.name + subpath.slice(1));
  }
  return names;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const directory = module.name.split('/')[0] ?? '';
      const name = specifiers(directory).get(module.name);
      if (name) module.name = name;
      else app.logger.warn(`docs plugin: no package export for module ${module.name}`);
    }
  });
}
