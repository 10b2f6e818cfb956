/**
 * `@prakerja-kit/core/internal/schema`: the builders of the kit's small validator, for the
 * prakerja-kit packages' schemas. Named like zod/mini's functional API (the subset the kit
 * uses), so a schema module reads `import * as z from '@prakerja-kit/core/internal/schema'` then
 * `z.object({ … })`. Every export is a separate binding, so a bundle keeps only what it uses.
 *
 * **Unstable**, like `@prakerja-kit/core/internal`: it may change in any release. Applications
 * validate with the exported schemas through `parse`/`safeParse` (`@prakerja-kit/core`) or any
 * Standard Schema v1 consumer.
 *
 * @module
 */
export * from './schema/index.js';
