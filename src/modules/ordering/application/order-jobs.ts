/** Job names of the ordering context (payloads are ids only). */
export const ORDER_JOBS = {
  payTimeout: 'ordering.pay-timeout',
  autoConfirm: 'ordering.auto-confirm',
  sweep: 'ordering.sweep',
  shippingUpload: 'ordering.shipping-upload',
  shippingUploadSweep: 'ordering.shipping-upload-sweep',
} as const;
