/**
 * Compares two strings in time that depends only on their length, never on where they differ:
 * for checking signatures and signed states. Lengths are public (a signature's length is fixed by
 * its algorithm).
 *
 * @example
 * timingSafeEqual(received, expected); // true only when identical
 */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) {
    difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  }
  return difference === 0;
}
