import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction-runner';
import { JobQueue } from '../../../shared/jobs/job-queue';
import { AfterSaleService } from '../../ordering';
import { WechatPayError, WechatPayRefund, WechatPayRefundNotice } from '../infrastructure/wechatpay';
import { WechatPayClient } from '../infrastructure/wechatpay';
import { RefundEntity } from '../domain/payment.entity';
import { PAYMENT_JOBS } from './payment-jobs';
import { PaymentService } from './payment.service';

const QUERY_DELAY_MS = 30_000;

/**
 * Refunds through WeChat Pay. A refund row is created first (unique out_refund_no), then a job
 * sends it — WeChat answers the same out_refund_no with the same refund, so retries never pay
 * twice — and the result comes back by callback or by query. Success completes the after-sale
 * (stock back, order closed when everything is refunded); failure is shown to staff to retry.
 */
@Injectable()
export class RefundService {
  private readonly logger = new Logger('Refunds');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly dataSource: DataSource,
    private readonly client: WechatPayClient,
    private readonly payments: PaymentService,
    private readonly afterSales: AfterSaleService,
    private readonly jobs: JobQueue,
  ) {}

  /** An after-sale was approved (or its goods received): record its refund and send it. */
  async requestForAfterSale(afterSaleId: number): Promise<void> {
    const instruction = await this.afterSales.refundInstruction(afterSaleId);
    if (!instruction) return;
    const refund = await this.tx.run((em) =>
      this.payments.createRefund(em, {
        orderId: instruction.orderId,
        afterSaleId,
        outRefundNo: instruction.refundNo,
        outTradeNo: instruction.orderNo,
        amount: instruction.amount,
        totalAmount: instruction.orderPayAmount,
        reason: instruction.reason,
      }),
    );
    await this.enqueueSend(refund.id, Date.now());
  }

  enqueueSend(refundId: number, attempt = 0): Promise<boolean> {
    return this.jobs.enqueue(PAYMENT_JOBS.refund, { refundId }, { jobId: `payment-refund:${refundId}:${attempt}`, attempts: 5, backoffMs: 5000 });
  }

  /** The refund job: sends the refund to WeChat Pay and applies the immediate answer. */
  async send(refundId: number): Promise<void> {
    const refund = await this.dataSource.manager.findOneBy(RefundEntity, { id: refundId });
    if (!refund || refund.status === 'SUCCESS' || refund.status === 'FAILED') return;
    let answer: WechatPayRefund;
    try {
      answer = await this.client.refund({
        outTradeNo: refund.outTradeNo,
        outRefundNo: refund.outRefundNo,
        reason: refund.reason,
        refundFen: refund.amount,
        totalFen: refund.totalAmount,
        notifyUrl: this.payments.refundNotifyUrl,
      });
    } catch (error) {
      if (error instanceof WechatPayError && !error.retryable) {
        await this.fail(refund, `${error.wechatCode ?? error.failure}: ${error.message}`);
        return;
      }
      throw error;
    }
    await this.applyStatus(refund.outRefundNo, answer.status, answer.refund_id, answer.success_time);
  }

  /** The query job (and the sweep): asks WeChat Pay how a refund in flight is doing. */
  async query(refundId: number): Promise<void> {
    const refund = await this.dataSource.manager.findOneBy(RefundEntity, { id: refundId });
    if (!refund || refund.status !== 'PROCESSING') return;
    const answer = await this.client.queryRefund(refund.outRefundNo);
    if (!answer) {
      await this.enqueueSend(refund.id, Date.now());
      return;
    }
    await this.applyStatus(refund.outRefundNo, answer.status, answer.refund_id, answer.success_time);
  }

  /** A verified REFUND.* callback. */
  async applyNotice(notice: WechatPayRefundNotice): Promise<void> {
    await this.applyStatus(notice.out_refund_no, notice.refund_status, notice.refund_id, notice.success_time);
  }

  private async applyStatus(outRefundNo: string, status: string, refundId: string, successTime?: string): Promise<void> {
    const refund = await this.dataSource.manager.findOneBy(RefundEntity, { outRefundNo });
    if (!refund) {
      this.logger.error(`ALARM: refund result for unknown out_refund_no ${outRefundNo}`);
      return;
    }
    if (status === 'SUCCESS') return this.succeed(refund, refundId, successTime ? new Date(successTime) : new Date());
    if (status === 'PROCESSING') {
      await this.tx.run((em) => em.update(RefundEntity, { id: refund.id, status: In(['PENDING', 'PROCESSING']) }, { status: 'PROCESSING', refundId }));
      await this.jobs.enqueue(PAYMENT_JOBS.refundQuery, { refundId: refund.id }, { jobId: `payment-refund-query:${refund.id}:${Math.floor(Date.now() / QUERY_DELAY_MS)}`, delayMs: QUERY_DELAY_MS });
      return;
    }
    await this.fail(refund, `WeChat Pay refund ${status}`);
  }

  private async succeed(refund: RefundEntity, refundId: string, at: Date): Promise<void> {
    const outcome = await this.tx.run(async (em) => {
      const moved = await em.update(RefundEntity, { id: refund.id, status: In(['PENDING', 'PROCESSING']) }, { status: 'SUCCESS', refundId, succeededAt: at });
      if (moved.affected !== 1 || refund.afterSaleId === null) return null;
      return this.afterSales.markRefunded(em, refund.afterSaleId, at);
    });
    if (outcome) this.afterSales.announceRefunded(outcome);
    this.logger.log(`Refund ${refund.outRefundNo} of ${refund.amount} fen succeeded`);
  }

  private async fail(refund: RefundEntity, reason: string): Promise<void> {
    const moved = await this.tx.run((em) => em.update(RefundEntity, { id: refund.id, status: In(['PENDING', 'PROCESSING']) }, { status: 'FAILED', failureReason: reason.slice(0, 255) }));
    if (moved.affected === 1 && refund.afterSaleId !== null) await this.afterSales.markRefundFailed(refund.afterSaleId, reason);
    this.logger.error(`ALARM: refund ${refund.outRefundNo} failed: ${reason}`);
  }
}
