import { PaymentAnomalyEntity } from './domain/payment-anomaly.entity';
import { PaymentEntity } from './domain/payment.entity';
import { RefundEntity } from './domain/refund.entity';

/** The tables of the payment context, contributed to the data source by src/entities.ts. */
export const paymentEntities: Function[] = [PaymentEntity, RefundEntity, PaymentAnomalyEntity];
