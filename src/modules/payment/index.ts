import { PaymentAnomalyEntity, PaymentEntity, RefundEntity } from './domain/payment.entity';

export { PaymentModule } from './payment.module';
export { PaymentService, PayerPort } from './application/payment.service';

export const paymentEntities: Function[] = [PaymentEntity, RefundEntity, PaymentAnomalyEntity];
