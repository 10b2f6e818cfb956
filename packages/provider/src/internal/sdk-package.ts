// Names this package in the User-Agent core sends (`prakerja-kit-provider/<version> node/…`).

/** Replaced by the build (tsup `define`) with package.json's version. */
declare const __PRAKERJA_KIT_VERSION__: string | undefined;

/** The options key core's transport reads the package name from (core's `SDK_PACKAGE`). */
export const SDK_PACKAGE_KEY: symbol = Symbol.for('prakerja-kit.package');

/** `provider/<version>`, or `provider/0.0.0-source` when run from the TypeScript sources. */
export const SDK_PACKAGE_NAME = `provider/${
  typeof __PRAKERJA_KIT_VERSION__ === 'string' ? __PRAKERJA_KIT_VERSION__ : '0.0.0-source'
}`;
