import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { PaymentAnomalyEntity, PaymentAnomalyKind } from '../domain/payment-anomaly.entity';

/** Every query of payment anomalies (the `payment_anomaly` table). */
@Injectable()
export class PaymentAnomalyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(data: { outTradeNo: string; transactionId: string | null; kind: PaymentAnomalyKind; detail: string }, em: EntityManager): Promise<void> {
    await em.insert(PaymentAnomalyEntity, { ...data, outTradeNo: data.outTradeNo.slice(0, 32), detail: data.detail.slice(0, 500) });
  }

  /** Whether this notification was recorded already (a redelivery). */
  async exists(kind: PaymentAnomalyKind, outTradeNo: string, transactionId: string | null, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    return (await em.countBy(PaymentAnomalyEntity, { kind, outTradeNo: outTradeNo.slice(0, 32), transactionId: transactionId ?? IsNull() })) > 0;
  }
}
