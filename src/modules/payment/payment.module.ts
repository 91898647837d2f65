import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity';
import { OrderingModule } from '../ordering';
import { AdminPaymentController, PaymentController } from './api/payment.controller';
import { WechatPayNotifyController } from './api/wechatpay-notify.controller';
import { PayerPort, PaymentService } from './application/payment.service';
import { RefundService } from './application/refund.service';
import { WechatPayModule } from './infrastructure/wechatpay';
import { IdentityPayerAdapter } from './infrastructure/payer.adapter';
import { PaymentAnomalyRepository } from './infrastructure/payment-anomaly.repository';
import { PaymentRepository } from './infrastructure/payment.repository';
import { RefundRepository } from './infrastructure/refund.repository';
import { PaymentProcessors } from './jobs/payment.processors';
import './payment.permissions';

/**
 * Payment context: WeChat Pay for orders. It also answers two questions ordering asks through
 * OrderingHooks (registered in PaymentProcessors.onModuleInit): "was this order paid after all?"
 * and "what were its pay attempts?".
 */
@Module({
  imports: [WechatPayModule, OrderingModule, IdentityModule],
  controllers: [PaymentController, AdminPaymentController, WechatPayNotifyController],
  providers: [
    PaymentService,
    RefundService,
    PaymentProcessors,
    PaymentRepository,
    RefundRepository,
    PaymentAnomalyRepository,
    { provide: PayerPort, useClass: IdentityPayerAdapter },
  ],
  exports: [PaymentService],
})
export class PaymentModule {}
