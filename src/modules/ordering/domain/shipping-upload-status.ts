import { StateMachine } from '../../../shared/domain/state-machine';

export const SHIPPING_UPLOAD_STATUSES = ['PENDING', 'UPLOADED', 'FAILED'] as const;
export type ShippingUploadStatus = (typeof SHIPPING_UPLOAD_STATUSES)[number];

/**
 * The shipping-information upload table. PENDING: being sent (a failed try that will be retried
 * stays PENDING); FAILED: the tries ran out (the hourly sweep sends it again, so it can go back to
 * PENDING or on to UPLOADED). UPLOADED is final: accepted information is never sent again.
 */
export const shippingUploadStates = new StateMachine<ShippingUploadStatus>({
  PENDING: ['PENDING', 'UPLOADED', 'FAILED'],
  FAILED: ['PENDING', 'UPLOADED', 'FAILED'],
  UPLOADED: [],
});

/** Statuses in which the information may still be sent. */
export const OPEN_SHIPPING_UPLOAD_STATUSES: readonly ShippingUploadStatus[] = shippingUploadStates.sourcesOf('UPLOADED');
