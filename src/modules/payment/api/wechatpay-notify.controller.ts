import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request } from 'express';
import { Public } from '../../../shared/auth/auth.decorators';
import { WechatPayClient } from '../infrastructure/wechatpay';
import { PaymentService } from '../application/payment.service';
import { RefundService } from '../application/refund.service';

type RawRequest = Request & { rawBody?: Buffer };

/**
 * WeChat Pay callbacks. No bearer token: each is verified by its signature over the raw body
 * (five-minute window, known key, probes refused) and decrypted before anything is read. A bad
 * one is 401 `{ code: "FAIL" }` with nothing changed; a good one, duplicate or not, is 204.
 */
@ApiTags('notify / wechatpay')
@ApiHeader({ name: 'Wechatpay-Signature', required: true })
@ApiHeader({ name: 'Wechatpay-Timestamp', required: true })
@ApiHeader({ name: 'Wechatpay-Nonce', required: true })
@ApiHeader({ name: 'Wechatpay-Serial', required: true })
@ApiNoContentResponse({ description: 'Accepted (also for a duplicate)' })
@ApiUnauthorizedResponse({ description: '{ code: "FAIL", message }: signature, time window or decryption failed; nothing changed' })
@Public()
@SkipThrottle()
@Controller('notify/wechatpay')
export class WechatPayNotifyController {
  constructor(
    private readonly client: WechatPayClient,
    private readonly payments: PaymentService,
    private readonly refunds: RefundService,
  ) {}

  @Post('transactions')
  @ApiOperation({ summary: 'WeChat Pay payment result (TRANSACTION.SUCCESS)' })
  @HttpCode(204)
  async transactions(@Req() req: RawRequest): Promise<void> {
    const notice = await this.client.parseNotification(req.headers, req.rawBody ?? Buffer.alloc(0));
    if (notice.kind === 'transaction') await this.payments.applyPaidTransaction(notice.resource, 'callback');
  }

  @Post('refunds')
  @ApiOperation({ summary: 'WeChat Pay refund result (REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED)' })
  @HttpCode(204)
  async refundResults(@Req() req: RawRequest): Promise<void> {
    const notice = await this.client.parseNotification(req.headers, req.rawBody ?? Buffer.alloc(0));
    if (notice.kind === 'refund') await this.refunds.applyNotice(notice.resource);
  }
}
