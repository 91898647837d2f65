/**
 * Money is an integer number of fen everywhere. These helpers keep every result an integer and
 * make proportional splits add up exactly to the whole.
 */
export type Fen = number;

export function assertFen(value: number, what = 'amount'): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be an integer number of fen, got ${value}`);
  return value;
}

export function sumFen(values: readonly Fen[]): Fen {
  return values.reduce((acc, v) => acc + assertFen(v), 0);
}

/** amount × rate, the rate in basis points (1000 = 10 %), rounded down. */
export function applyRateBp(amount: Fen, rateBp: number): Fen {
  assertFen(amount);
  if (!Number.isInteger(rateBp) || rateBp < 0) throw new RangeError(`rate must be whole basis points, got ${rateBp}`);
  return Math.floor((amount * rateBp) / 10_000);
}

/**
 * Splits `total` over parts in proportion to `weights`: each part rounds down, and the remainder
 * goes to the last part with a non-zero weight, so the parts always add up to `total` exactly.
 */
export function prorate(total: Fen, weights: readonly Fen[]): Fen[] {
  assertFen(total, 'total');
  if (total < 0) throw new RangeError('total must not be negative');
  const weightSum = sumFen(weights);
  if (weights.some((w) => w < 0)) throw new RangeError('weights must not be negative');
  if (weightSum === 0) {
    if (total !== 0) throw new RangeError('cannot spread a non-zero total over zero weights');
    return weights.map(() => 0);
  }
  const parts = weights.map((w) => Math.floor((total * w) / weightSum));
  let lastNonZero = -1;
  weights.forEach((w, i) => {
    if (w > 0) lastNonZero = i;
  });
  parts[lastNonZero] += total - sumFen(parts);
  return parts;
}

export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
