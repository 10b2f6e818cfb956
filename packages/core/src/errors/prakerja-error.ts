const MARKER = Symbol.for('prakerja-kit.error');

/**
 * The root of every error thrown by prakerja-kit.
 *
 * Use {@link isPrakerjaError} rather than `instanceof` when two copies of the package may be
 * loaded (the marker is a global symbol).
 */
export class PrakerjaError extends Error {
  override name = 'PrakerjaError';
  /** @internal */
  readonly [MARKER] = true;
}

/** True for any error thrown by a prakerja-kit package, across package copies. */
export function isPrakerjaError(value: unknown): value is PrakerjaError {
  return typeof value === 'object' && value !== null && MARKER in value;
}
