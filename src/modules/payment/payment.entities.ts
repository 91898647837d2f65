import { PaymentAnomalyEntity, PaymentEntity, RefundEntity } from './domain/payment.entity';

/** The tables of the payment context, contributed to the data source by src/entities.ts. */
export const paymentEntities: Function[] = [PaymentEntity, RefundEntity, PaymentAnomalyEntity];
