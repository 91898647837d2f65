import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { JobQueue } from '../../../shared/jobs/job-queue';
import { AfterSaleRefundRequestedEvent, AfterSaleService, OrderCancelledEvent, OrderingHooks } from '../../ordering';
import { PaymentRepository } from '../infrastructure/payment.repository';
import { RefundRepository } from '../infrastructure/refund.repository';
import { PAYMENT_JOBS } from '../application/payment-jobs';
import { PaymentService } from '../application/payment.service';
import { RefundService } from '../application/refund.service';

const STALE_MS = 120_000;

/**
 * Payment jobs and listeners: sync shortly after a prepay (then by sweep), close WeChat's order
 * when ours is cancelled, send and follow refunds. Every job reloads state and is idempotent.
 */
@Injectable()
export class PaymentProcessors implements OnModuleInit {
  private readonly logger = new Logger('PaymentJobs');

  constructor(
    private readonly jobs: JobQueue,
    private readonly payments: PaymentService,
    private readonly refunds: RefundService,
    private readonly paymentRecords: PaymentRepository,
    private readonly refundRecords: RefundRepository,
    private readonly hooks: OrderingHooks,
    private readonly afterSales: AfterSaleService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.hooks.paymentProbe = this.payments;
    this.hooks.paymentHistory = this.payments;
    this.hooks.paidTransactions = this.payments;
    this.jobs.register<{ orderId: number; step: number }>(PAYMENT_JOBS.sync, async ({ orderId, step }) => {
      const { outcome, tradeState } = await this.payments.sync(orderId);
      if (outcome === 'not-paid' && (tradeState === 'NOTPAY' || tradeState === 'USERPAYING' || tradeState === null)) await this.payments.scheduleSync(orderId, step + 1);
    });
    this.jobs.register<{ orderId: number }>(PAYMENT_JOBS.close, ({ orderId }) => this.payments.closeForCancelledOrder(orderId));
    this.jobs.register<{ refundId: number }>(PAYMENT_JOBS.refund, ({ refundId }) => this.refunds.send(refundId));
    this.jobs.register<{ refundId: number }>(PAYMENT_JOBS.refundQuery, ({ refundId }) => this.refunds.query(refundId));
    this.jobs.register(PAYMENT_JOBS.sweep, () => this.sweep());
    this.jobs.every(PAYMENT_JOBS.sweep, this.config.jobs.sweepIntervalSeconds * 1000);
  }

  @OnEvent(OrderCancelledEvent.event, { async: true, promisify: true, suppressErrors: true })
  async onOrderCancelled(event: OrderCancelledEvent): Promise<void> {
    const pending = await this.paymentRecords.pendingOf(event.orderId);
    if (pending.length > 0) await this.jobs.enqueue(PAYMENT_JOBS.close, { orderId: event.orderId }, { jobId: `payment-close:${event.orderId}` });
  }

  @OnEvent(AfterSaleRefundRequestedEvent.event, { async: true, promisify: true, suppressErrors: true })
  async onRefundRequested(event: AfterSaleRefundRequestedEvent): Promise<void> {
    await this.refunds.requestForAfterSale(event.afterSaleId);
  }

  /** Catches what the queue lost: unanswered prepays, unsent or unfinished refunds. */
  async sweep(now = new Date()): Promise<void> {
    const stale = new Date(now.getTime() - STALE_MS);
    for (const orderId of await this.paymentRecords.ordersWaitingSince(stale, 100)) {
      await this.payments.sync(orderId).catch((e) => this.logger.warn(`Sweep could not sync order ${orderId}: ${(e as Error).message}`));
    }
    // An approved after-sale whose refund request was lost (process stopped before the refund row was written).
    const waiting = await this.afterSales.refundingSince(stale);
    const recorded = await this.refundRecords.afterSalesWithRefund(waiting);
    for (const afterSaleId of waiting.filter((id) => !recorded.has(id))) {
      await this.refunds.requestForAfterSale(afterSaleId).catch((e) => this.logger.warn(`Sweep could not request the refund of after-sale ${afterSaleId}: ${(e as Error).message}`));
    }
    const refunds = await this.refundRecords.openSince(stale, 100);
    for (const refund of refunds) {
      const work = refund.status === 'PENDING' ? this.refunds.send(refund.id) : this.refunds.query(refund.id);
      await work.catch((e) => this.logger.warn(`Sweep could not follow refund ${refund.outRefundNo}: ${(e as Error).message}`));
    }
  }
}
