import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags, ApiConflictResponse, ApiBadGatewayResponse } from '@nestjs/swagger';
import { CurrentShopper, CurrentStaff, RequirePermissions, ShopperRoute } from '../../../shared/auth/auth.decorators';
import { ApiErrorDto } from '../../../shared/http/api-error';
import { IdPipe } from '../../../shared/http/id.pipe';
import type { StaffPrincipal } from '../../../shared/http/request-context';
import { Idempotent } from '../../../shared/idempotency/idempotency.interceptor';
import { OrderQueryService } from '../../ordering';
import { PaymentService } from '../application/payment.service';

class RequestPaymentDto {
  @ApiProperty({ example: 'wx8888888888888888' }) appId: string;
  @ApiProperty({ example: '1764058150' }) timeStamp: string;
  @ApiProperty({ example: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS' }) nonceStr: string;
  @ApiProperty({ example: 'prepay_id=wx201410272009395522657a690389285100' }) package: string;
  @ApiProperty({ example: 'RSA', enum: ['RSA'], enumName: 'PaySignType' }) signType: 'RSA';
  @ApiProperty({ example: 'oR9d8PuhnIc+YZ8cBHFCwfgpaK9gd7vaRvkYD7rthRAZ...' }) paySign: string;
}

class SyncPaymentDto {
  @ApiProperty({ type: 'string', example: 'SUCCESS', nullable: true, description: 'WeChat Pay trade_state; null when WeChat Pay has no such order' }) tradeState: string | null;
  @ApiProperty({ example: 'paid', enum: ['paid', 'duplicate', 'refund-scheduled', 'anomaly', 'not-paid'], enumName: 'PaymentSyncOutcome' }) outcome: string;
}

@ApiTags('app / orders')
@Controller('app/orders')
export class PaymentController {
  constructor(private readonly payments: PaymentService) {}

  @Post(':id/pay')
  @HttpCode(200)
  @ShopperRoute()
  @Idempotent()
  @ApiOperation({ summary: 'WeChat Pay JSAPI prepay; answers the parameters for wx.requestPayment' })
  @ApiOkResponse({ type: RequestPaymentDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'ORDER_STATE_INVALID (not unpaid, or expired)' })
  @ApiBadGatewayResponse({ type: ApiErrorDto, description: 'UPSTREAM_ERROR: WeChat Pay refused or failed' })
  pay(@CurrentShopper() shopperId: number, @Param('id', IdPipe) orderId: number) {
    return this.payments.pay(shopperId, orderId);
  }
}

@ApiTags('admin / orders')
@Controller('admin/orders')
export class AdminPaymentController {
  constructor(
    private readonly payments: PaymentService,
    private readonly orders: OrderQueryService,
  ) {}

  @Post(':id/sync-payment')
  @HttpCode(200)
  @RequirePermissions('order:read', 'payment:sync')
  @ApiOperation({ summary: 'Ask WeChat Pay about this order and apply the answer' })
  @ApiOkResponse({ type: SyncPaymentDto })
  async sync(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) orderId: number): Promise<SyncPaymentDto> {
    await this.orders.scopedOrder(staff, orderId);
    return this.payments.sync(orderId);
  }
}
