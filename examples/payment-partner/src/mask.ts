/** Masks an identifier for logs: the last four characters stay (`••••1234`). */
export function mask(value: string): string {
  return value.length <= 4 ? '••••' : `••••${value.slice(-4)}`;
}

/** Formats an IDR amount the Indonesian way: `Rp600.000`. */
export function formatIdr(amount: number): string {
  return `Rp${amount.toLocaleString('id-ID')}`;
}
