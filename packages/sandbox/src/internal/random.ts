const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const HEX = '0123456789abcdef';
const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A seeded pseudo-random source whose whole state is one number, so it can be saved as JSON. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, max). */
  int(max: number): number;
  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet: string): string;
  /** Current internal state (for saving). */
  readonly state: number;
}

/** Where a {@link Random} keeps its state: a plain object, so it is saved with the sandbox state. */
export interface RandomHolder {
  rng: number;
}

/** mulberry32: tiny, fast and good enough for fixtures and fault schedules. */
export function createRandom(seed: number): Random {
  return randomFrom({ rng: seed >>> 0 });
}

/** A {@link Random} that reads and writes its state on `holder.rng`. */
export function randomFrom(holder: RandomHolder): Random {
  const next = () => {
    holder.rng = (holder.rng + 0x6d2b79f5) >>> 0;
    let t = holder.rng;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    int,
    string(length, alphabet) {
      let out = '';
      for (let index = 0; index < length; index++) out += alphabet[int(alphabet.length)];
      return out;
    },
    get state() {
      return holder.rng;
    },
  };
}

/** Alphabets used for generated identifiers. */
export const Alphabet = {
  UPPER_ALPHANUMERIC,
  CROCKFORD,
  HEX,
  LOWER_ALPHANUMERIC,
  DIGITS: '0123456789',
} as const;
