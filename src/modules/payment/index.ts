export { PaymentModule } from './payment.module';
export { PaymentService, PayerPort } from './application/payment.service';
