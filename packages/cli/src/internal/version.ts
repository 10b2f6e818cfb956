import packageJson from '../../package.json' with { type: 'json' };

/** The version of `@prakerja-kit/cli`, from its package.json (inlined by the bundler). */
export const VERSION: string = packageJson.version;
