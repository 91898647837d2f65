import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { JobQueue } from '../../../shared/jobs/job-queue';
import { OrderEntity } from '../domain/order.entity';
import { ORDER_JOBS } from '../application/order-jobs';
import { OrderLifecycleService } from '../application/order-lifecycle.service';
import { OrderSettingsService } from '../application/order-settings';

const SWEEP_BATCH = 200;

/**
 * The order timers: a delayed job per order (pay timeout, auto-confirm) and a periodic sweep that
 * finds any the queue lost (Redis flushed, process restarted with in-process jobs). Both paths go
 * through the same idempotent lifecycle methods, so a timer firing twice changes nothing.
 */
@Injectable()
export class OrderTimers implements OnModuleInit {
  private readonly logger = new Logger('OrderTimers');

  constructor(
    private readonly jobs: JobQueue,
    private readonly lifecycle: OrderLifecycleService,
    private readonly settings: OrderSettingsService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ orderId: number }>(ORDER_JOBS.payTimeout, async ({ orderId }) => {
      const outcome = await this.lifecycle.expire(orderId);
      if (outcome === 'not-due') {
        const order = await this.dataSource.manager.findOneBy(OrderEntity, { id: orderId });
        if (order) await this.jobs.enqueue(ORDER_JOBS.payTimeout, { orderId }, { jobId: `order-pay-timeout:${orderId}:${order.expiresAt.getTime()}`, delayMs: order.expiresAt.getTime() - Date.now() + 1000 });
      }
    });
    this.jobs.register<{ orderId: number }>(ORDER_JOBS.autoConfirm, async ({ orderId }) => {
      await this.lifecycle.autoConfirm(orderId);
    });
    this.jobs.register(ORDER_JOBS.sweep, async () => {
      await this.sweep();
    });
    this.jobs.every(ORDER_JOBS.sweep, this.config.jobs.sweepIntervalSeconds * 1000);
  }

  /** Cancels every expired unpaid order and confirms every shipped order past its window. */
  async sweep(now = new Date()): Promise<{ cancelled: number; confirmed: number }> {
    let cancelled = 0;
    let confirmed = 0;
    const expired = await this.dataSource.manager.find(OrderEntity, {
      select: { id: true },
      where: { status: 'PENDING_PAYMENT', expiresAt: LessThan(now) },
      order: { expiresAt: 'ASC' },
      take: SWEEP_BATCH,
    });
    for (const { id } of expired) {
      try {
        if ((await this.lifecycle.expire(id, now)) === 'cancelled') cancelled++;
      } catch (error) {
        this.logger.warn(`Sweep could not expire order ${id}: ${(error as Error).message}`);
      }
    }
    const { autoConfirmDays } = await this.settings.get();
    const due = await this.dataSource.manager.find(OrderEntity, {
      select: { id: true },
      where: { status: 'SHIPPED', shippedAt: LessThan(new Date(now.getTime() - autoConfirmDays * 86_400_000)) },
      take: SWEEP_BATCH,
    });
    for (const { id } of due) {
      try {
        if (await this.lifecycle.autoConfirm(id, now)) confirmed++;
      } catch (error) {
        this.logger.warn(`Sweep could not confirm order ${id}: ${(error as Error).message}`);
      }
    }
    if (cancelled + confirmed > 0) this.logger.log(`Sweep: ${cancelled} unpaid order(s) cancelled, ${confirmed} confirmed`);
    return { cancelled, confirmed };
  }
}
