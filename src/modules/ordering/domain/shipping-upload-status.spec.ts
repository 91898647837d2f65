import { OPEN_SHIPPING_UPLOAD_STATUSES, SHIPPING_UPLOAD_STATUSES, ShippingUploadStatus, shippingUploadStates } from './shipping-upload-status';

const ALLOWED: Array<[ShippingUploadStatus, ShippingUploadStatus]> = [
  ['PENDING', 'PENDING'],
  ['PENDING', 'UPLOADED'],
  ['PENDING', 'FAILED'],
  ['FAILED', 'PENDING'],
  ['FAILED', 'UPLOADED'],
  ['FAILED', 'FAILED'],
];

const EVERY_PAIR = SHIPPING_UPLOAD_STATUSES.flatMap((from) => SHIPPING_UPLOAD_STATUSES.map((to) => [from, to, ALLOWED.some(([f, t]) => f === from && t === to)] as const));

describe('shipping-upload state table', () => {
  it('covers every (from, to) pair', () => {
    expect(EVERY_PAIR).toHaveLength(SHIPPING_UPLOAD_STATUSES.length ** 2);
  });

  it.each(EVERY_PAIR)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(shippingUploadStates.can(from, to)).toBe(allowed);
  });

  it('never sends accepted information again', () => {
    expect(OPEN_SHIPPING_UPLOAD_STATUSES).toEqual(['PENDING', 'FAILED']);
  });
});
