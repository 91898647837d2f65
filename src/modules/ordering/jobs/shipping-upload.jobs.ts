import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { JobQueue } from '../../../shared/jobs/job-queue';
import { ORDER_JOBS } from '../application/order-jobs';
import { SHIPPING_UPLOAD_ATTEMPTS, ShippingUploadService } from '../application/shipping-upload.service';

/** The shipping-information upload job (retried with backoff) and the sweep that finds uploads the queue lost. */
@Injectable()
export class ShippingUploadJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly uploads: ShippingUploadService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ orderId: number }>(ORDER_JOBS.shippingUpload, async ({ orderId }, ctx) => {
      await this.uploads.upload(orderId, ctx.attempt >= SHIPPING_UPLOAD_ATTEMPTS);
    });
    this.jobs.register(ORDER_JOBS.shippingUploadSweep, async () => {
      await this.uploads.sweep();
    });
    this.jobs.every(ORDER_JOBS.shippingUploadSweep, this.config.jobs.sweepIntervalSeconds * 1000);
  }
}
