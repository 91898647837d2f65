import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function randomChars(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/**
 * An order number: the UTC time to the second (sortable, readable on a receipt) followed by 12
 * random characters (about 70 bits), so numbers cannot be guessed from one another. 26 characters
 * of [0-9A-Za-z]: valid as WeChat Pay's out_trade_no (at most 32 of [0-9A-Za-z_-|*]).
 */
export function newOrderNo(now = new Date()): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(2, 14);
  return `${stamp}${randomChars(12)}`;
}

/** A refund number for WeChat Pay's out_refund_no, unique per after-sale. */
export function newRefundNo(afterSaleId: number): string {
  return `RF${afterSaleId}${randomChars(8)}`;
}

/** A 6-digit pickup code. */
export function newPickupCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
